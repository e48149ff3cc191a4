package rhix.terminology.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rhix.terminology.store.ProgressListener;
import rhix.terminology.store.ResourceKey;
import rhix.terminology.store.TerminologyStore;
import rhix.terminology.store.WriteReport;

/**
 * The content shipped in {@code content/} on the classpath, listed in {@code content/index.txt} (a jar
 * cannot be listed like a folder). Loaded with {@link LoadPolicy#SKIP_IF_HELD}: a version already held is
 * not written again, so loading at every start is cheap and idempotent.
 */
public final class ShippedContent {

    private static final Logger LOG = LoggerFactory.getLogger(ShippedContent.class);
    static final String INDEX = "content/index.txt";

    public static List<String> files() {
        try (InputStream in = resource(INDEX);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + INDEX, e);
        }
    }

    public static LoadSummary load(TerminologyStore store, ProgressListener progress) {
        long started = System.nanoTime();
        FhirJsonLoader loader = new FhirJsonLoader(store, LoadPolicy.SKIP_IF_HELD);
        List<String> files = files();
        List<WriteReport> written = new ArrayList<>();
        List<ResourceKey> skipped = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            try (InputStream in = resource("content/" + files.get(i))) {
                LoadSummary file = loader.loadJson(in, ProgressListener.NONE);
                written.addAll(file.written());
                skipped.addAll(file.skipped());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read content/" + files.get(i), e);
            }
            progress.progress(i + 1, files.size());
        }
        LoadSummary summary = new LoadSummary(written, skipped, Duration.ofNanos(System.nanoTime() - started));
        LOG.info("shipped content: {} versions loaded, {} already held", written.size(), skipped.size());
        return summary;
    }

    private static InputStream resource(String path) {
        InputStream in = ShippedContent.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("the classpath has no " + path);
        }
        return in;
    }

    private ShippedContent() {
    }
}
