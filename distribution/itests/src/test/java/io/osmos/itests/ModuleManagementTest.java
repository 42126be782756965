package io.osmos.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import io.osmos.http.codec.MediaType;
import io.osmos.proto.v1.scheduler.Event;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.options.FrameworkPropertyOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Module management on a local cluster: {@code GET /modules} on the master's and the agent's
 * servers, a hot update of the allocator from a jar with another version (a framework still gets
 * offers), its rollback, a jar dropped in deploy/ (an update in place, not a second copy), the
 * refusals, and the {@code osmos:} Gogo commands.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModuleManagementTest {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleManagementTest.class);
    private static final String ALLOCATOR = "io.osmos.allocator.drf";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        Option[] options = OsmosOptions.feature("local",
                Map.of("master_port", OsmosOptions.freePort(), "agent_port", OsmosOptions.freePort()));
        // FileInstall watches a deploy/ of this test's own instead of the distribution's, shared by every run.
        for (int i = 0; i < options.length; i++) {
            if (options[i] instanceof FrameworkPropertyOption property
                    && property.getKey().equals("felix.fileinstall.dir")) {
                Path etc = Path.of(String.valueOf(property.getValue()).split(",")[0]);
                try {
                    Files.createDirectories(etc.resolveSibling("deploy"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                options[i] = CoreOptions.frameworkProperty(property.getKey())
                        .value(etc + "," + etc.resolveSibling("deploy"));
            }
        }
        return options;
    }

    @Test
    public void bothServersListTheModulesWithTheirComponents() throws Exception {
        for (String port : new String[] {masterPort(), agentPort()}) {
            HttpResponse<String> response = get(port, "/modules");
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            String body = response.body();
            for (String bundle : new String[] {"io.osmos.master", "io.osmos.agent", ALLOCATOR, "io.osmos.modules"}) {
                assertTrue(bundle + " listed on " + port + ": " + body, body.contains("\"bundle\":\"" + bundle + "\""));
            }
            assertTrue(body, Pattern.compile("\\{\"name\":\"io.osmos.allocator.drf.HierarchicalDrfAllocator\","
                    + "\"state\":\"(ACTIVE|SATISFIED)\"}").matcher(body).find());
            assertTrue("only io.osmos.* by default", !body.contains("org.apache.felix.scr"));
            assertTrue(get(port, "/modules?all=true").body().contains("\"bundle\":\"org.apache.felix.scr\""));
        }
        assertEquals(405, post(masterPort(), "/modules", "{}").statusCode());
    }

    @Test
    public void theAllocatorIsSwappedForAnotherVersionAndRolledBack() throws Exception {
        String before = listedVersion(ALLOCATOR);
        Version next = Version.parseVersion(before);
        next = new Version(next.getMajor(), next.getMinor(), next.getMicro() + 1, "swaptest");
        Path jar = withVersion(bundleJar(ALLOCATOR), next.toString());

        HttpResponse<String> update = post(masterPort(), "/modules/update",
                "{\"bundle\":\"" + ALLOCATOR + "\",\"location\":\"" + jar + "\"}");
        assertEquals(update.body(), 200, update.statusCode());
        assertTrue(update.body(), update.body().startsWith("{\"bundle\":\"" + ALLOCATOR + "\",\"from\":\"" + before
                + "\",\"to\":\"" + next + "\",\"pause_ms\":"));
        double pause = pauseOf(update.body());
        LOG.info("Allocator swap {} -> {}: pause {} ms", before, next, pause);
        assertTrue("pause reported: " + update.body(), pause > 0 && pause < 30_000);
        assertEquals(next.toString(), listedVersion(ALLOCATOR));
        assertEquals(next.toString(), Bundles.find(context, ALLOCATOR).getVersion().toString());
        assertTrue("the old jar is kept", Files.isRegularFile(
                Path.of(System.getProperty("osmos.test.work_dir"), "modules", ALLOCATOR, before + ".jar")));

        try (TestScheduler scheduler = new TestScheduler(masterPort(), MediaType.PROTOBUF)) {
            scheduler.subscribe(Tasks.framework("after-swap", "after-swap"));
            Event offers = scheduler.await(e -> e.getType() == Event.Type.OFFERS, 30);
            assertTrue(offers.getOffers().getOffersCount() > 0);
        }

        HttpResponse<String> rollback = post(agentPort(), "/modules/rollback", "{\"bundle\":\"" + ALLOCATOR + "\"}");
        assertEquals(rollback.body(), 200, rollback.statusCode());
        assertTrue(rollback.body(), rollback.body().startsWith("{\"bundle\":\"" + ALLOCATOR + "\",\"from\":\"" + next
                + "\",\"to\":\"" + before + "\",\"pause_ms\":"));
        assertEquals(before, listedVersion(ALLOCATOR));

        HttpResponse<String> again = post(masterPort(), "/modules/rollback", "{\"bundle\":\"" + ALLOCATOR + "\"}");
        assertEquals(again.body(), 409, again.statusCode());
        assertTrue(again.body(), again.body().startsWith("Nothing to roll back"));
    }

    @Test
    public void aJarDroppedInDeployUpdatesTheRunningBundleInPlace() throws Exception {
        String before = listedVersion(ALLOCATOR);
        Version running = Version.parseVersion(before);
        String next = new Version(running.getMajor(), running.getMinor(), running.getMicro() + 2, "deploytest").toString();
        Path deploy = workDir().resolve("deploy");
        Files.createDirectories(deploy);
        Path partial = deploy.resolve("allocator.jar.partial");
        Files.copy(withVersion(bundleJar(ALLOCATOR), next), partial);
        Path dropped = Files.move(partial, deploy.resolve("allocator.jar"));
        try {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!listedVersion(ALLOCATOR).equals(next) && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertEquals("updated in place, one copy", next, listedVersion(ALLOCATOR));
            assertEquals("the bundle keeps its location", Bundles.find(context, ALLOCATOR).getLocation(),
                    OsmosOptions.home().resolve("bundle").resolve(ALLOCATOR + ".jar").toUri().toString());
        } finally {
            Files.delete(dropped);
        }
        HttpResponse<String> rollback = post(masterPort(), "/modules/rollback", "{\"bundle\":\"" + ALLOCATOR + "\"}");
        assertEquals(rollback.body(), 200, rollback.statusCode());
        assertEquals(before, listedVersion(ALLOCATOR));
    }

    @Test
    public void updatesThatCannotBeDoneAreRefused() throws Exception {
        Path metrics = bundleJar("io.osmos.metrics");
        HttpResponse<String> mismatch = post(masterPort(), "/modules/update",
                "{\"bundle\":\"" + ALLOCATOR + "\",\"location\":\"" + metrics.toUri() + "\"}");
        assertEquals(400, mismatch.statusCode());
        assertTrue(mismatch.body(), mismatch.body().contains("is bundle io.osmos.metrics, not " + ALLOCATOR));

        Path notABundle = Files.writeString(Files.createTempFile(workDir(), "plain", ".jar"), "not a jar");
        HttpResponse<String> plain = post(masterPort(), "/modules/update",
                "{\"bundle\":\"" + ALLOCATOR + "\",\"location\":\"" + notABundle + "\"}");
        assertEquals(400, plain.statusCode());
        assertTrue(plain.body(), plain.body().contains("is not a jar"));

        HttpResponse<String> self = post(agentPort(), "/modules/update",
                "{\"bundle\":\"io.osmos.modules\",\"location\":\"" + bundleJar("io.osmos.modules") + "\"}");
        assertEquals(409, self.statusCode());
        assertTrue(self.body(), self.body().contains("cannot update itself"));

        assertEquals(404, post(masterPort(), "/modules/update",
                "{\"bundle\":\"io.osmos.nothing\",\"location\":\"" + metrics + "\"}").statusCode());
        assertEquals(400, post(masterPort(), "/modules/update", "not json").statusCode());
        assertEquals(ALLOCATOR + " untouched", Bundle.ACTIVE, Bundles.find(context, ALLOCATOR).getState());
    }

    @Test
    public void theGogoCommandsAreRegisteredInScopeOsmos() throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(osgi.command.scope=osmos)");
        assertEquals(1, refs.length);
        assertEquals(java.util.List.of("modules", "update", "rollback"),
                java.util.List.of((String[]) refs[0].getProperty("osgi.command.function")));
        Object commands = context.getService(refs[0]);
        try {
            String listing = (String) commands.getClass().getMethod("modules").invoke(commands);
            assertTrue(listing, listing.contains(ALLOCATOR) && listing.contains("HierarchicalDrfAllocator"));
        } finally {
            context.ungetService(refs[0]);
        }
    }

    private String listedVersion(String bundle) throws Exception {
        String body = get(masterPort(), "/modules").body();
        Matcher matcher = Pattern.compile("\"bundle\":\"" + Pattern.quote(bundle) + "\",\"version\":\"([^\"]+)\"")
                .matcher(body);
        assertTrue(bundle + " in " + body, matcher.find());
        String version = matcher.group(1);
        assertTrue("listed once", !matcher.find());
        return version;
    }

    private static double pauseOf(String json) {
        Matcher matcher = Pattern.compile("\"pause_ms\":([0-9.]+)").matcher(json);
        assertTrue(json, matcher.find());
        return Double.parseDouble(matcher.group(1));
    }

    private static Path bundleJar(String name) {
        return OsmosOptions.home().resolve("bundle").resolve(name + ".jar");
    }

    /** A copy of {@code jar} whose manifest says another Bundle-Version, as a rebuilt module would. */
    private static Path withVersion(Path jar, String version) throws IOException {
        Path copy = workDir().resolve(jar.getFileName().toString().replace(".jar", "-" + version + ".jar"));
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy), manifest)) {
                for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements();) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equals(JarFile.MANIFEST_NAME) || entry.getName().equals("META-INF/")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        assertNotEquals(jar, copy);
        return copy;
    }

    private static Path workDir() {
        return Path.of(System.getProperty("osmos.test.work_dir"));
    }

    private HttpResponse<String> get(String port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String port, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String masterPort() {
        return System.getProperty("osmos.test.master_port");
    }

    private static String agentPort() {
        return System.getProperty("osmos.test.agent_port");
    }
}
