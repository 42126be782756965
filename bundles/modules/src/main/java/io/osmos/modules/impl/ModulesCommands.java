package io.osmos.modules.impl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo commands: {@code osmos:modules [-a]}, {@code osmos:update <bsn> <jar path or URL>}, {@code osmos:rollback <bsn>}. */
@Component(service = ModulesCommands.class, property = {"osgi.command.scope=osmos",
        "osgi.command.function=modules", "osgi.command.function=update", "osgi.command.function=rollback"})
public final class ModulesCommands {

    private final ModuleManager manager;

    @Activate
    public ModulesCommands(@Reference ModuleManager manager) {
        this.manager = manager;
    }

    /** The io.osmos.* bundles with their versions, states and DS components. */
    public String modules() throws InterruptedException {
        return ModulesText.modules(await(manager.list(false)));
    }

    /** With {@code -a} or {@code --all}: every bundle. */
    public String modules(String flag) throws InterruptedException {
        if (!flag.equals("-a") && !flag.equals("--all")) {
            throw new IllegalArgumentException("Usage: osmos:modules [-a|--all]");
        }
        return ModulesText.modules(await(manager.list(true)));
    }

    public String update(String symbolicName, String location) throws InterruptedException {
        return ModulesText.swap(await(manager.update(symbolicName, location)));
    }

    public String rollback(String symbolicName) throws InterruptedException {
        return ModulesText.swap(await(manager.rollback(symbolicName)));
    }

    private static <T> T await(CompletableFuture<T> work) throws InterruptedException {
        try {
            return work.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ModuleException refused) {
                throw new IllegalStateException(refused.getMessage());
            }
            throw new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
        }
    }
}
