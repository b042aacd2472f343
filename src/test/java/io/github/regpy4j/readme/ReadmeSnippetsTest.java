package io.github.regpy4j.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Java snippets of the documents compile: each {@code ```java} block of {@link #DOCUMENTS} is,
 * verbatim, one of the marked regions of this package's sources ({@link ReadmeSnippets}, {@link
 * Square}; compiled with the tests), and every such region is in a document. A snippet edited in one place and not the other fails here.
 */
class ReadmeSnippetsTest {

    /** The documents whose Java blocks are held to this (paths from the project directory). */
    static final List<Path> DOCUMENTS = List.of(Path.of("README.md"), Path.of("docs", "README.md"));
    /** The compiled copies: every source file of this package. */
    static final Path SNIPPETS = Path.of("src", "test", "java", "io", "github", "regpy4j", "readme");

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern REGION = Pattern.compile(
            "(?m)^[ \\t]*// README:begin\\n(.*?)^[ \\t]*// README:end$", Pattern.DOTALL);

    @Test
    void everyJavaBlockOfTheDocumentsIsACompiledSnippetAndEverySnippetIsInADocument() throws IOException {
        List<String> blocks = new ArrayList<>();
        for (Path doc : DOCUMENTS) {
            matches(JAVA_BLOCK, read(doc)).stream().map(ReadmeSnippetsTest::dedent).forEach(blocks::add);
        }
        List<String> regions = new ArrayList<>();
        try (var files = Files.list(SNIPPETS)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                matches(REGION, read(source)).stream().map(ReadmeSnippetsTest::dedent).forEach(regions::add);
            }
        }
        assertThat(blocks).as("Java blocks in %s", DOCUMENTS).isNotEmpty();
        for (String block : blocks) {
            assertThat(regions).as("a Java block of %s is not in %s verbatim (between README:begin and README:end,"
                    + " indented as code); copy it there so it compiles:%n%s", DOCUMENTS, SNIPPETS, block)
                    .contains(block);
        }
        for (String region : regions) {
            assertThat(blocks).as("a snippet of %s is in none of %s; remove it or put it back:%n%s", SNIPPETS,
                    DOCUMENTS, region).contains(region);
        }
    }

    @Test
    void dedentRemovesTheCommonIndentationOnly() {
        assertThat(dedent("        a\n            b\n        c\n")).isEqualTo("a\n    b\nc\n");
        assertThat(dedent("    a\n\n    b\n")).isEqualTo("a\n\nb\n");
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static List<String> matches(Pattern p, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** Removes the indentation every non-blank line shares, and trailing blanks of each line. */
    static String dedent(String text) {
        String[] lines = text.split("\n", -1);
        int common = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                common = Math.min(common, line.length() - line.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            out.append(line.isBlank() ? "" : line.substring(common).stripTrailing());
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
