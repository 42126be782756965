package io.osmos.modules.impl;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/** Lists the installed bundles: the Osmos ones ({@code io.osmos.*}), or all of them. */
final class ModuleLister {

    static final String OSMOS_PREFIX = "io.osmos.";

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    ModuleLister(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    List<ModuleInfo> list(boolean all) {
        List<ModuleInfo> modules = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (all || (name != null && name.startsWith(OSMOS_PREFIX))) {
                modules.add(describe(bundle));
            }
        }
        return modules;
    }

    ModuleInfo describe(Bundle bundle) {
        return new ModuleInfo(bundle.getBundleId(), String.valueOf(bundle.getSymbolicName()),
                bundle.getVersion().toString(), stateName(bundle.getState()), bundle.getLocation(),
                bundle.getLastModified(), ComponentStates.of(scr, bundle));
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}
