package io.github.regpy4j.worker.internal;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Kryo's class resolver, able to forget every class it learned by name. A worker keeps one Kryo
 * for all the operators it serves in turn (building a Kryo costs milliseconds in a worker whose
 * rarely run code is interpreted); before each operator it forgets the last one's classes, which
 * came from the last operator's class loader and must neither be handed to the next operator nor
 * keep that loader alive.
 */
final class ForgetfulClassResolver extends DefaultClassResolver {

    /** Drops the name cache and every implicit (by-name) registration; explicit registrations stay. */
    @SuppressWarnings("rawtypes") // Kryo's own map is keyed by the raw Class
    void forgetClassesByName() {
        if (nameToClass != null) {
            nameToClass.clear();
        }
        List<Class<?>> implicit = new ArrayList<>();
        for (var entry : classToRegistration) {
            Registration r = entry.value;
            if (r.getId() == NAME) {
                implicit.add(entry.key);
            }
        }
        for (Class<?> c : implicit) {
            classToRegistration.remove(c);
        }
        reset();
    }
}
