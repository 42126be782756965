package io.osmos.agent.impl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Resource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an applied operation does to persistent volume directories, found from the volumes it
 * consumed and those it converted them into, each at its role's path: a volume that appears is
 * created (CREATE), one that disappears is deleted (DESTROY), one whose persistence id reappears
 * under another role is moved (RESERVE with {@code source}, or a refining RESERVE, of a volume).
 * GROW_VOLUME and SHRINK_VOLUME keep the path: nothing to do on disk.
 */
final class VolumeChanges {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeChanges.class);

    record Move(Resource from, Resource to) {
    }

    private final List<Move> moves = new ArrayList<>();
    private final List<Resource> created = new ArrayList<>();
    private final List<Resource> deleted = new ArrayList<>();

    private VolumeChanges() {
    }

    static VolumeChanges of(Resources consumed, Resources converted, PersistentVolumes volumes) {
        Map<Path, Resource> before = byPath(consumed, volumes);
        Map<Path, Resource> after = byPath(converted, volumes);
        VolumeChanges changes = new VolumeChanges();
        Map<Path, Resource> born = new LinkedHashMap<>(after);
        before.keySet().forEach(born::remove);
        for (Map.Entry<Path, Resource> gone : before.entrySet()) {
            if (after.containsKey(gone.getKey())) {
                continue;
            }
            Resource target = takeSameId(born, gone.getValue());
            if (target != null) {
                changes.moves.add(new Move(gone.getValue(), target));
            } else {
                changes.deleted.add(gone.getValue());
            }
        }
        changes.created.addAll(born.values());
        return changes;
    }

    List<Move> moves() {
        return moves;
    }

    List<Resource> created() {
        return created;
    }

    List<Resource> deleted() {
        return deleted;
    }

    boolean isEmpty() {
        return moves.isEmpty() && created.isEmpty() && deleted.isEmpty();
    }

    /** The first volume this would delete or move away that something uses, if any. */
    Optional<Resource> used(Predicate<Resource> inUse) {
        for (Move move : moves) {
            if (inUse.test(move.from())) {
                return Optional.of(move.from());
            }
        }
        return deleted.stream().filter(inUse).findFirst();
    }

    /**
     * Moves, then creates, then deletes. If a move or a creation fails, those done are undone (a
     * deletion cannot be, so deletions come last) and the failure is thrown; a deletion that fails
     * leaves files behind, logged, as the volume is gone from the resources anyway.
     */
    void apply(PersistentVolumes volumes) throws IOException {
        List<Move> movedDone = new ArrayList<>();
        List<Resource> createdDone = new ArrayList<>();
        try {
            for (Move move : moves) {
                volumes.move(move.from(), move.to());
                movedDone.add(move);
            }
            for (Resource volume : created) {
                if (volumes.create(volume)) {
                    createdDone.add(volume);
                }
            }
        } catch (IOException e) {
            undo(volumes, movedDone, createdDone);
            throw e;
        }
        for (Resource volume : deleted) {
            try {
                volumes.delete(volume);
            } catch (IOException e) {
                LOG.error("Persistent volume {} is destroyed but its directory {} could not be removed whole: {}",
                        volume.getDisk().getPersistence().getId(), volumes.path(volume), e.getMessage());
            }
        }
    }

    private static void undo(PersistentVolumes volumes, List<Move> moved, List<Resource> created) {
        for (Resource volume : created) {
            try {
                volumes.delete(volume);
            } catch (IOException e) {
                LOG.warn("Cannot undo the creation of {}: {}", volumes.path(volume), e.getMessage());
            }
        }
        for (int i = moved.size() - 1; i >= 0; i--) {
            try {
                volumes.move(moved.get(i).to(), moved.get(i).from());
            } catch (IOException e) {
                LOG.error("Cannot move {} back to {}: {}", volumes.path(moved.get(i).to()),
                        volumes.path(moved.get(i).from()), e.getMessage());
            }
        }
    }

    private static Map<Path, Resource> byPath(Resources resources, PersistentVolumes volumes) {
        Map<Path, Resource> paths = new LinkedHashMap<>();
        resources.persistentVolumes().forEach(v -> paths.put(volumes.path(v), v));
        return paths;
    }

    private static Resource takeSameId(Map<Path, Resource> born, Resource gone) {
        String id = gone.getDisk().getPersistence().getId();
        for (Iterator<Resource> it = born.values().iterator(); it.hasNext();) {
            Resource candidate = it.next();
            if (candidate.getDisk().getPersistence().getId().equals(id)) {
                it.remove();
                return candidate;
            }
        }
        return null;
    }
}
