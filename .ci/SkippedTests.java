import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Names every skipped test in Surefire's XML reports, with the reason JUnit recorded (the failed
 * assumption's message, or @Disabled's), so that a green run says what it did not test. Run with
 * the JDK's source launcher: {@code java .ci/SkippedTests.java target/surefire-reports "JDK 17"}.
 * Prints one line per skipped test; exits 2 if the directory holds no report at all. With a third
 * argument, appends "passed failed skipped" (counts of test cases) to that file, for a summary over runs.
 */
public final class SkippedTests {

    private SkippedTests() {}

    public static void main(String[] args) throws Exception {
        File dir = new File(args.length > 0 ? args[0] : "target/surefire-reports");
        String label = args.length > 1 ? args[1] : "";
        File[] reports = dir.listFiles((d, n) -> n.startsWith("TEST-") && n.endsWith(".xml"));
        if (reports == null || reports.length == 0) {
            System.out.println("skipped tests" + (label.isEmpty() ? "" : " (" + label + ")") + ": no reports in " + dir);
            System.exit(2);
        }
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        List<String> lines = new ArrayList<>();
        int tests = 0;
        int failed = 0;
        for (File f : reports) {
            NodeList cases = factory.newDocumentBuilder().parse(f).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                tests++;
                if (c.getElementsByTagName("failure").getLength() + c.getElementsByTagName("error").getLength() > 0) {
                    failed++;
                }
                NodeList skipped = c.getElementsByTagName("skipped");
                if (skipped.getLength() > 0) {
                    Element s = (Element) skipped.item(0);
                    String why = s.getAttribute("message");
                    if (why.isEmpty()) {
                        why = s.getTextContent().strip();
                    }
                    lines.add("  " + c.getAttribute("classname") + "#" + c.getAttribute("name") + ": "
                            + (why.isEmpty() ? "(no reason given)" : why.lines().findFirst().orElse("")
                                    .replace("org.opentest4j.TestAbortedException: ", "")));
                }
            }
        }
        lines.sort(null);
        System.out.println("skipped tests" + (label.isEmpty() ? "" : " (" + label + ")") + ": " + lines.size() + " of "
                + tests);
        lines.forEach(System.out::println);
        if (args.length > 2) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(args[2]),
                    (tests - failed - lines.size()) + " " + failed + " " + lines.size() + "\n",
                    java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.CREATE);
        }
    }
}
