package io.osmos.modules.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The DS components of a bundle and their states, read from ServiceComponentRuntime. */
final class ComponentStates {

    static final String DISABLED = "DISABLED";
    static final String UNSATISFIED_CONFIGURATION = "UNSATISFIED_CONFIGURATION";
    static final String UNSATISFIED_REFERENCE = "UNSATISFIED_REFERENCE";
    static final String SATISFIED = "SATISFIED";
    static final String ACTIVE = "ACTIVE";
    static final String FAILED_ACTIVATION = "FAILED_ACTIVATION";

    private ComponentStates() {
    }

    /** Each component of the bundle with its best configuration's state, sorted by name. */
    static List<ComponentInfo> of(ServiceComponentRuntime scr, Bundle bundle) {
        List<ComponentInfo> components = new ArrayList<>();
        Collection<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs(bundle);
        for (ComponentDescriptionDTO description : descriptions) {
            String state;
            if (!scr.isComponentEnabled(description)) {
                state = DISABLED;
            } else {
                int best = 0;
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    best = Math.max(best, rank(configuration.state));
                }
                state = best == 0 ? UNSATISFIED_CONFIGURATION : name(unrank(best));
            }
            components.add(new ComponentInfo(description.name, state));
        }
        components.sort((a, b) -> a.name().compareTo(b.name()));
        return components;
    }

    /** Whether a component in this state is up: its service is registered (SATISFIED, delayed) or it runs (ACTIVE). */
    static boolean isUp(String state) {
        return ACTIVE.equals(state) || SATISFIED.equals(state);
    }

    /** The names of the components that are up. */
    static Set<String> up(List<ComponentInfo> components) {
        Set<String> names = new TreeSet<>();
        components.stream().filter(c -> isUp(c.state())).forEach(c -> names.add(c.name()));
        return names;
    }

    /**
     * Polls until every one of {@code names} is up in what {@code states} reports, or the deadline
     * ({@link System#nanoTime()}) passes.
     *
     * @return true when they all are up
     */
    static boolean awaitUp(Supplier<List<ComponentInfo>> states, Set<String> names, long deadlineNanos) {
        while (true) {
            if (up(states.get()).containsAll(names)) {
                return true;
            }
            if (System.nanoTime() - deadlineNanos > 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(200_000);
        }
    }

    static String name(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> UNSATISFIED_CONFIGURATION;
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> UNSATISFIED_REFERENCE;
            case ComponentConfigurationDTO.SATISFIED -> SATISFIED;
            case ComponentConfigurationDTO.ACTIVE -> ACTIVE;
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> FAILED_ACTIVATION;
            default -> "UNKNOWN(" + state + ")";
        };
    }

    // A component with several configurations shows the most advanced one; a failure ranks below satisfied.
    private static final Map<Integer, Integer> RANKS = Map.of(ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION, 1,
            ComponentConfigurationDTO.UNSATISFIED_REFERENCE, 2, ComponentConfigurationDTO.FAILED_ACTIVATION, 3,
            ComponentConfigurationDTO.SATISFIED, 4, ComponentConfigurationDTO.ACTIVE, 5);

    private static int rank(int state) {
        return RANKS.getOrDefault(state, 0);
    }

    private static int unrank(int rank) {
        return RANKS.entrySet().stream().filter(e -> e.getValue() == rank).findFirst().orElseThrow().getKey();
    }
}
