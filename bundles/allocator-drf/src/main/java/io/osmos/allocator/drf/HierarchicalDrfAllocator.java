package io.osmos.allocator.drf;

import java.util.Random;

import io.osmos.api.allocator.Allocator;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The hierarchical DRF allocator as a service (Mesos' default allocator). A configuration change
 * re-creates the component, and the master feeds the new instance the whole cluster.
 */
@Component(service = Allocator.class, configurationPid = HierarchicalDrfAllocator.PID)
@Designate(ocd = HierarchicalDrfAllocator.Config.class)
public final class HierarchicalDrfAllocator extends DrfAllocator {

    static final String PID = "io.osmos.allocator.drf";

    @ObjectClassDefinition(name = "Osmos hierarchical DRF allocator",
            description = "Offers resources to frameworks by hierarchical dominant resource fairness")
    public @interface Config {
        @AttributeDefinition(description = "Smallest offer: alternatives separated by '|', quantities that must "
                + "all be present separated by ';', e.g. cpus:0.01|mem:32; empty for no minimum")
        String min_allocatable_resources() default Settings.DEFAULT_MIN_ALLOCATABLE;

        @AttributeDefinition(description = "Comma-separated resource names left out of fair sharing, e.g. gpus")
        String fair_sharing_excluded_resource_names() default "";
    }

    /** @throws IllegalArgumentException on malformed configuration, failing activation with the reason */
    @Activate
    public HierarchicalDrfAllocator(Config config) {
        super(Settings.parse(config.min_allocatable_resources(), config.fair_sharing_excluded_resource_names()),
                new Random());
    }
}
