package io.osmos.agent.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which paths the agent's file calls may touch, as Mesos' {@code /files} attachments: every
 * executor run's sandbox of this agent, under its real path
 * ({@code <work_dir>/slaves/<agent>/frameworks/<fw>/executors/<ex>/runs/<run>}) and under the
 * virtual {@code /frameworks/<fw>/executors/<ex>/runs/<run>}, where {@code <run>} is a container id
 * or {@code latest}. The sandboxes are found on disk rather than in the executor table, so those of
 * ended executors stay readable, as in Mesos until their sandboxes are garbage collected.
 * Nothing here runs on the agent's loop: it touches the file system.
 */
final class SandboxPaths {

    /** A requested path inside an attached sandbox: the sandbox's real path and the target's. */
    record Resolved(Path sandbox, Path target) {
    }

    private static final String VIRTUAL_ROOT = "frameworks";
    /** fw, "executors", ex, "runs", run. */
    private static final int SANDBOX_DEPTH = 5;

    private final Path workDir;
    private final Supplier<String> agentId;

    SandboxPaths(Path workDir, Supplier<String> agentId) {
        this.workDir = workDir.toAbsolutePath().normalize();
        this.agentId = agentId;
    }

    /**
     * The real path of an existing file or directory the request names, or empty when it names
     * nothing attached: outside every sandbox, escaping one by {@code ..} or a symbolic link, or
     * missing. All those look alike to the caller, so nothing is learnt of what lies outside.
     */
    Optional<Resolved> resolve(String requested) {
        if (requested == null || !requested.startsWith("/")) {
            return Optional.empty();
        }
        List<String> segments = segments(requested);
        Optional<List<String>> underFrameworks = virtual(segments).or(() -> real(segments));
        if (underFrameworks.isEmpty() || underFrameworks.get().size() < SANDBOX_DEPTH) {
            return Optional.empty();
        }
        List<String> names = underFrameworks.get();
        if (!names.get(1).equals("executors") || !names.get(3).equals("runs")
                || names.subList(0, SANDBOX_DEPTH).stream().anyMatch(SandboxPaths::special)) {
            return Optional.empty();
        }
        try {
            return confine(names.subList(0, SANDBOX_DEPTH), names.subList(SANDBOX_DEPTH, names.size()));
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    private Optional<Resolved> confine(List<String> sandboxNames, List<String> inside) throws IOException {
        String agent = agentId.get();
        if (agent == null || agent.isEmpty() || special(agent) || agent.contains("/")) {
            return Optional.empty();
        }
        Path runs = frameworksDir(agent).resolve(Path.of("", sandboxNames.subList(0, 4).toArray(String[]::new)));
        Path sandbox = runs.resolve(sandboxNames.get(4)).toRealPath();
        // A `latest` link rewritten from inside a container must not attach anything but a run.
        if (!Files.isDirectory(sandbox, LinkOption.NOFOLLOW_LINKS) || !runs.toRealPath().equals(sandbox.getParent())) {
            return Optional.empty();
        }
        Path relative = Path.of("", inside.toArray(String[]::new)).normalize();
        if (relative.startsWith("..")) {
            return Optional.empty();
        }
        Path target = sandbox.resolve(relative).toRealPath();
        return target.startsWith(sandbox) ? Optional.of(new Resolved(sandbox, target)) : Optional.empty();
    }

    private Optional<List<String>> virtual(List<String> segments) {
        return !segments.isEmpty() && segments.get(0).equals(VIRTUAL_ROOT)
                ? Optional.of(segments.subList(1, segments.size())) : Optional.empty();
    }

    /** The names after {@code <work_dir>/slaves/<agent>/frameworks}, as the work dir is configured or really is. */
    private Optional<List<String>> real(List<String> segments) {
        String agent = agentId.get();
        if (agent == null) {
            return Optional.empty();
        }
        List<Path> prefixes = new ArrayList<>(List.of(frameworksDir(agent)));
        try {
            prefixes.add(workDir.toRealPath().resolve("slaves").resolve(agent).resolve(VIRTUAL_ROOT));
        } catch (IOException e) {
            return Optional.empty();
        }
        for (Path prefix : prefixes) {
            List<String> names = segments(prefix.toString());
            if (segments.size() >= names.size() && segments.subList(0, names.size()).equals(names)) {
                return Optional.of(segments.subList(names.size(), segments.size()));
            }
        }
        return Optional.empty();
    }

    private Path frameworksDir(String agent) {
        return workDir.resolve("slaves").resolve(agent).resolve(VIRTUAL_ROOT);
    }

    /** The names of an absolute path, without empty ones (repeated or trailing slashes). */
    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean special(String name) {
        return name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0;
    }
}
