package io.osmos.modules.impl;

import java.util.List;

/** The outcome of one update or rollback: the versions on both sides and how long the module was away. */
record SwapResult(String bundle, String from, String to, double pauseMillis, List<ComponentInfo> components) {

    SwapResult {
        components = List.copyOf(components);
    }
}
