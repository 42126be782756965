package __PACKAGE__;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import io.osmos.api.isolation.ContainerConfig;
import io.osmos.api.isolation.Isolator;
import io.osmos.launcher.BundleRef;
import io.osmos.launcher.ConfigFiles;
import io.osmos.launcher.FeatureReader;
import io.osmos.launcher.FeatureResolver;
import io.osmos.launcher.FelixRunner;
import io.osmos.launcher.ResolvedFeature;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Boots the agent feature of the Osmos distribution at {@code osmos.home} exactly as
 * {@code bin/osmos agent} would (same bundles, same configuration files), plus this plugin, with
 * {@code isolation=__ISOLATOR_NAME__}; then checks the plugin is active and its isolator registered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class __CLASS__AgentTest {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() throws IOException {
        Path home = Path.of(System.getProperty("osmos.home"));
        Path workDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "agent-");
        ResolvedFeature agent = new FeatureResolver(new FeatureReader(home.resolve("features"))).resolve("agent",
                Map.of("osmos.home", home.toString(), "feature", "agent"),
                Map.of("work_dir", workDir.toString(), "agent_port", freePort(), "master", "127.0.0.1:" + freePort(),
                        "isolation", __CLASS__.NAME, "cgroups_root", "osmos-test-" + workDir.getFileName()));
        ConfigFiles.write(workDir.resolve("etc"), agent.configurations());
        List<Option> options = new ArrayList<>();
        FelixRunner.frameworkProperties(home, workDir, false, 1).forEach((key, value) -> {
            if (!key.startsWith("org.osgi.framework.storage") && !key.equals("org.osgi.framework.startlevel.beginning")) {
                options.add(frameworkProperty(key).value(value));
            }
        });
        for (BundleRef ref : agent.bundles()) {
            Path jar = FelixRunner.bundleFile(home, ref);
            var option = bundle(jar.toUri().toString()).startLevel(ref.startLevel() + 1);
            options.add(ref.name().startsWith("netty-transport-native-epoll") ? option.noStart() : option);
        }
        options.add(bundle("reference:" + Path.of(System.getProperty("plugin.bundle")).toUri()).startLevel(3));
        options.add(junitBundles());
        options.add(frameworkStartLevel(10));
        options.add(cleanCaches(true));
        options.add(workingDirectory(workDir.resolve("paxexam").toString()));
        return options.toArray(new Option[0]);
    }

    private static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return String.valueOf(socket.getLocalPort());
        }
    }

    @Test
    public void theAgentRunsWithThePluginsIsolator() throws Exception {
        Bundle plugin = null;
        for (Bundle bundle : context.getBundles()) {
            if ("__ARTIFACT_ID__".equals(bundle.getSymbolicName())) {
                plugin = bundle;
            }
        }
        assertEquals("the plugin is active", Bundle.ACTIVE, plugin == null ? -1 : plugin.getState());
        Collection<ServiceReference<Isolator>> found = List.of();
        for (int i = 0; i < 50 && found.isEmpty(); i++) {
            found = context.getServiceReferences(Isolator.class, "(" + Isolator.NAME + "=" + __CLASS__.NAME + ")");
            Thread.sleep(100);
        }
        assertFalse("the isolator is registered as " + __CLASS__.NAME, found.isEmpty());

        Isolator isolator = context.getService(found.iterator().next());
        Path sandbox = Files.createTempDirectory("sandbox");
        isolator.isolate(new ContainerConfig("it", null, sandbox, Map.of(), Map.of(), true, false), 7)
                .toCompletableFuture().get();
        assertEquals("7", Files.readString(sandbox.resolve(__CLASS__.MARKER)));
    }
}
