package io.github.regpy4j.parallel;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.regpy4j.worker.internal.SharedRegion;
import io.github.regpy4j.worker.internal.SharedVector;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A reply that points into shared memory wrongly reaches the user as the public {@link
 * WorkerProtocolException}, naming the worker, never as the internal codec's exception.
 */
class SharedReplyErrorsTest {

    @Test
    @Timeout(10)
    void aReplyInARegionThatWasNeverMadeIsAWorkerProtocolException() {
        SharedMemory shm = new SharedMemory(2, 0);
        try {
            assertThatThrownBy(() -> shm.readReply(1, new SharedVector(SharedVector.REPLY, 4)))
                    .isExactlyInstanceOf(WorkerProtocolException.class)
                    .hasMessageContaining("worker 1").hasMessageContaining("slot " + SharedVector.REPLY);
            assertThatThrownBy(() -> shm.replyPartInto(0, new SharedVector(SharedVector.REPLY, 4), 0, 4, new double[4], 0,
                    true)).isExactlyInstanceOf(WorkerProtocolException.class).hasMessageContaining("worker 0");
        } finally {
            shm.close();
        }
    }

    @Test
    @Timeout(10)
    void aReplyLongerThanItsRegionIsAWorkerProtocolException() throws IOException {
        assumeTrue(SharedRegion.available(), "no /dev/shm here");
        SharedMemory shm = new SharedMemory(1, 0);
        try {
            shm.prepareReply(0, 8);
            SharedVector tooLong = new SharedVector(SharedVector.REPLY, 1 << 20);
            assertThatThrownBy(() -> shm.readReply(0, tooLong))
                    .isExactlyInstanceOf(WorkerProtocolException.class)
                    .hasMessageContaining("worker 0").hasMessageContaining("does not fit");
            assertThatThrownBy(() -> shm.readReplyInto(0, tooLong, new double[1 << 20], 0))
                    .isExactlyInstanceOf(WorkerProtocolException.class).hasMessageContaining("does not fit");
        } finally {
            shm.close();
        }
    }
}
