package io.osmos.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FeatureResolverTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private FeatureResolver resolver;

    @Before
    public void writeFeatures() throws IOException {
        write("base", "{\"bundles\":[\"a\",{\"name\":\"b\",\"start-level\":2}],"
                + "\"variables\":{\"work_dir\":\"${osmos.home}/run/${feature}\"}}");
        write("one", "{\"includes\":[\"base\"],\"bundles\":[\"c\"],\"variables\":{\"one_port\":\"1\"},"
                + "\"aliases\":{\"port\":\"one_port\"},"
                + "\"configurations\":{\"pid.one\":{\"port\":\"${one_port}\",\"dir\":\"${work_dir}/one\",\"keep\":\"x\"}}}");
        write("two", "{\"includes\":[\"base\"],\"bundles\":[\"d\"],\"variables\":{\"two_port\":\"2\"},"
                + "\"aliases\":{\"port\":\"two_port\"},\"configurations\":{\"f~two\":{\"port\":\"${two_port}\"}}}");
        write("both", "{\"includes\":[\"one\",\"two\"],\"configurations\":{\"pid.one\":{\"keep\":\"overridden\"}}}");
        resolver = new FeatureResolver(new FeatureReader(folder.getRoot().toPath()));
    }

    private void write(String id, String json) throws IOException {
        Files.writeString(folder.getRoot().toPath().resolve(id + ".json"), json);
    }

    private ResolvedFeature resolve(String id, Map<String, String> values) {
        return resolver.resolve(id, Map.of("osmos.home", "/opt/osmos", "feature", id), values);
    }

    @Test
    public void includesComeFirstOnceEachAndTheIncludingFeatureOverrides() {
        ResolvedFeature both = resolve("both", Map.of());
        assertEquals(List.of("a", "b", "c", "d"), both.bundles().stream().map(BundleRef::name).toList());
        assertEquals(2, both.bundles().get(1).startLevel());
        assertEquals("overridden", both.configurations().get("pid.one").get("keep"));
        assertEquals("/opt/osmos/run/both/one", both.configurations().get("pid.one").get("dir"));
        assertEquals("2", both.configurations().get("f~two").get("port"));
    }

    /** Precedence: command line, then the root feature, then later includes over earlier ones, key by key. */
    @Test
    public void overridesGoKeyByKeyWithTheCommandLineOverEverything() throws IOException {
        write("later", "{\"configurations\":{\"pid.one\":{\"keep\":\"later\",\"extra\":\"${one_port}\"}}}");
        write("top", "{\"includes\":[\"one\",\"later\"],\"variables\":{\"one_port\":\"9\"},"
                + "\"configurations\":{\"pid.one\":{\"dir\":\"/top\"}}}");
        Map<String, String> pid = resolve("top", Map.of()).configurations().get("pid.one");
        assertEquals("a later include overrides an earlier one", "later", pid.get("keep"));
        assertEquals("the root overrides what it includes", "/top", pid.get("dir"));
        assertEquals("the root's variable default wins over the included one's", "9", pid.get("port"));
        assertEquals("9", pid.get("extra"));
        assertEquals("the command line wins over every feature", "10",
                resolve("top", Map.of("one_port", "10")).configurations().get("pid.one").get("port"));
    }

    @Test
    public void anAliasSetsItsVariableAndAVariableCanBeSetByName() {
        assertEquals("5050", resolve("one", Map.of("port", "5050")).configurations().get("pid.one").get("port"));
        ResolvedFeature both = resolve("both", Map.of("one_port", "7", "two_port", "8", "work_dir", "/w"));
        assertEquals("7", both.configurations().get("pid.one").get("port"));
        assertEquals("8", both.configurations().get("f~two").get("port"));
        assertEquals("/w/one", both.configurations().get("pid.one").get("dir"));
    }

    @Test
    public void anAliasTwoIncludedFeaturesDefineDifferentlyIsAmbiguous() {
        FeatureException e = assertThrows(FeatureException.class, () -> resolve("both", Map.of("port", "1")));
        assertTrue(e.getMessage(), e.getMessage().contains("--port is ambiguous") && e.getMessage().contains("one_port"));
    }

    @Test
    public void unknownOptionsAndVariablesAreNamed() throws IOException {
        FeatureException unknown = assertThrows(FeatureException.class, () -> resolve("one", Map.of("prot", "1")));
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("Unknown option --prot")
                && unknown.getMessage().contains("--port"));
        write("bad", "{\"configurations\":{\"p\":{\"k\":\"${nope}\"}}}");
        FeatureException undefined = assertThrows(FeatureException.class, () -> resolve("bad", Map.of()));
        assertTrue(undefined.getMessage(), undefined.getMessage().contains("${nope}"));
    }

    @Test
    public void cyclesAndMissingFeaturesFailClearly() throws IOException {
        write("x", "{\"includes\":[\"y\"]}");
        write("y", "{\"includes\":[\"x\"]}");
        FeatureException cycle = assertThrows(FeatureException.class, () -> resolve("x", Map.of()));
        assertTrue(cycle.getMessage(), cycle.getMessage().contains("x -> y -> x"));
        FeatureException missing = assertThrows(FeatureException.class, () -> resolve("nowhere", Map.of()));
        assertTrue(missing.getMessage(), missing.getMessage().contains("No feature 'nowhere'"));
    }

    @Test
    public void configFilesUseFileInstallNamesAndReplaceOldOnes() throws IOException {
        Path etc = folder.newFolder("etc").toPath();
        Files.writeString(etc.resolve("stale.cfg"), "a=b");
        ConfigFiles.write(etc, Map.of("io.osmos.master", Map.of("work.dir", "/w"), "io.osmos.http.server~agent",
                Map.of("port", "5051")));
        assertEquals(List.of("io.osmos.http.server-agent.cfg", "io.osmos.master.cfg"),
                Files.list(etc).map(p -> p.getFileName().toString()).sorted().toList());
        assertTrue(Files.readString(etc.resolve("io.osmos.master.cfg")).contains("work.dir=/w"));
    }
}
