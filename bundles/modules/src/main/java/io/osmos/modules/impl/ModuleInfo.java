package io.osmos.modules.impl;

import java.util.List;

/** One installed bundle as the operator sees it. */
record ModuleInfo(long id, String symbolicName, String version, String state, String location, long lastModified,
        List<ComponentInfo> components) {

    ModuleInfo {
        components = List.copyOf(components);
    }
}
