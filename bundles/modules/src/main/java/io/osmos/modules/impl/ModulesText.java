package io.osmos.modules.impl;

import java.time.Instant;
import java.util.List;

/** The Gogo shell's view of modules and swaps. */
final class ModulesText {

    private ModulesText() {
    }

    static String modules(List<ModuleInfo> modules) {
        int width = modules.stream().mapToInt(m -> m.symbolicName().length()).max().orElse(6);
        StringBuilder out = new StringBuilder(String.format("%4s  %-" + width + "s  %-24s  %-9s  %-24s  %s%n",
                "ID", "BUNDLE", "VERSION", "STATE", "LAST MODIFIED", "LOCATION"));
        for (ModuleInfo module : modules) {
            out.append(String.format("%4d  %-" + width + "s  %-24s  %-9s  %-24s  %s%n", module.id(),
                    module.symbolicName(), module.version(), module.state(),
                    Instant.ofEpochMilli(module.lastModified()), module.location()));
            for (ComponentInfo component : module.components()) {
                out.append(String.format("%6s- %s %s%n", "", component.name(), component.state()));
            }
        }
        return out.toString();
    }

    static String swap(SwapResult result) {
        return result.bundle() + " " + result.from() + " -> " + result.to() + ": pause " + result.pauseMillis()
                + " ms; components " + result.components();
    }
}
