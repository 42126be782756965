package io.osmos.agent.containerizer;

import java.util.ArrayList;
import java.util.List;

/** Signals a process and everything it started; the tree is collected first, so no child slips away. */
public final class ProcessTrees {

    private ProcessTrees() {
    }

    /** SIGTERM ({@code force} false) or SIGKILL to the root and all its descendants. */
    public static void signal(ProcessHandle root, boolean force) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        for (ProcessHandle process : tree) {
            if (force) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
        }
    }
}
