package io.osmos.registry.wal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import io.osmos.api.registry.RegistryModel;
import io.osmos.proto.internal.AgentMaintenance;
import io.osmos.proto.internal.RegisteredAgent;
import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.internal.RegistryState;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.WeightInfo;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WriteAheadLogTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    static RegistryOperation admit(int n) {
        return RegistryOperation.newBuilder().setAdmitAgent(RegisteredAgent.newBuilder()
                .setInfo(AgentInfo.newBuilder().setHostname("host-" + n).setId(AgentID.newBuilder().setValue("a-" + n)))
                .setVersion("0.1.0").setEndpoint("10.0.0." + n + ":5051")).build();
    }

    static RegistryOperation weight(String role, double weight) {
        return RegistryOperation.newBuilder().setUpdateWeights(RegistryOperation.UpdateWeights.newBuilder()
                .addWeights(WeightInfo.newBuilder().setRole(role).setWeight(weight))).build();
    }

    private static RegistryState expected(List<RegistryOperation> operations) {
        RegistryModel model = new RegistryModel();
        operations.forEach(model::apply);
        return model.state();
    }

    private static List<RegistryOperation> operations(int count) {
        List<RegistryOperation> operations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            operations.add(i % 3 == 2 ? weight("role" + (i % 5), i + 1.0) : admit(i));
        }
        operations.add(RegistryOperation.newBuilder().setSetMaintenance(AgentMaintenance.newBuilder()
                .setAgentId("a-0").setDeactivated(true)).build());
        return operations;
    }

    private static void appendAll(WriteAheadLog log, List<RegistryOperation> operations) {
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        operations.forEach(op -> stored.add(log.append(op)));
        CompletableFuture.allOf(stored.toArray(new CompletableFuture[0])).join();
    }

    @Test
    public void roundTrip() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("registry");
        List<RegistryOperation> operations = operations(50);
        try (WriteAheadLog log = WriteAheadLog.open(dir, 1_000_000, Long.MAX_VALUE)) {
            assertEquals(RegistryState.getDefaultInstance(), log.state().join());
            appendAll(log, operations);
            assertEquals(expected(operations), log.state().join());
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, 1_000_000, Long.MAX_VALUE)) {
            assertEquals(expected(operations), log.state().join());
            assertEquals(0, log.generation());
        }
    }

    @Test
    public void snapshotThenReplay() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("registry");
        List<RegistryOperation> operations = operations(95);
        try (WriteAheadLog log = WriteAheadLog.open(dir, 20, Long.MAX_VALUE)) {
            for (RegistryOperation operation : operations) {
                log.append(operation).join();
            }
            assertTrue("snapshots were taken", log.generation() >= 4);
        }
        List<String> names = LogFiles.names(dir);
        assertEquals("one generation is left: " + names, 2, names.size());
        try (WriteAheadLog log = WriteAheadLog.open(dir, 20, Long.MAX_VALUE)) {
            assertEquals(expected(operations), log.state().join());
        }
    }

    @Test
    public void tornTailIsCutAtAnyPoint() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 40; round++) {
            Path dir = temp.newFolder().toPath();
            List<RegistryOperation> operations = operations(10);
            try (WriteAheadLog log = WriteAheadLog.open(dir, 1_000_000, Long.MAX_VALUE)) {
                for (RegistryOperation operation : operations) {
                    log.append(operation).join();
                }
            }
            Path file = dir.resolve("log-0");
            long size = Files.size(file);
            long cut = 1 + random.nextInt((int) size - 1);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(cut);
            }
            int whole = wholeRecords(operations, cut);
            try (WriteAheadLog log = WriteAheadLog.open(dir, 1_000_000, Long.MAX_VALUE)) {
                assertEquals("cut at " + cut, expected(operations.subList(0, whole)), log.state().join());
                log.append(weight("after", 2.0)).join();
            }
            List<RegistryOperation> kept = new ArrayList<>(operations.subList(0, whole));
            kept.add(weight("after", 2.0));
            try (WriteAheadLog log = WriteAheadLog.open(dir, 1_000_000, Long.MAX_VALUE)) {
                assertEquals("appends after a cut tail are kept", expected(kept), log.state().join());
            }
        }
    }

    private static int wholeRecords(List<RegistryOperation> operations, long length) {
        long at = 0;
        int whole = 0;
        for (RegistryOperation operation : operations) {
            at += Records.HEADER + operation.getSerializedSize();
            if (at > length) {
                break;
            }
            whole++;
        }
        return whole;
    }

    @Test
    public void zerosAtTheEndAreATornTail() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("registry");
        List<RegistryOperation> operations = operations(5);
        try (WriteAheadLog log = WriteAheadLog.open(dir, 1_000_000, Long.MAX_VALUE)) {
            appendAll(log, operations);
        }
        Files.write(dir.resolve("log-0"), new byte[100], java.nio.file.StandardOpenOption.APPEND);
        try (WriteAheadLog log = WriteAheadLog.open(dir, 1_000_000, Long.MAX_VALUE)) {
            assertEquals(expected(operations), log.state().join());
        }
    }

    @Test
    public void corruptionInTheMiddleFailsRecovery() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("registry");
        try (WriteAheadLog log = WriteAheadLog.open(dir, 1_000_000, Long.MAX_VALUE)) {
            appendAll(log, operations(10));
        }
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("log-0").toFile(), "rw")) {
            raf.seek(Records.HEADER + 3);
            int b = raf.read();
            raf.seek(Records.HEADER + 3);
            raf.write(b ^ 0x5a);
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, 1_000_000, Long.MAX_VALUE)) {
            fail("recovered from a corrupted log");
        } catch (Records.CorruptedLogException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("offset 0"));
        }
    }

    @Test
    public void concurrentAppendsShareSyncs() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("registry");
        int threads = 8;
        int each = 250;
        try (WriteAheadLog log = WriteAheadLog.open(dir, 1_000_000, Long.MAX_VALUE)) {
            List<Thread> writers = new ArrayList<>();
            List<CompletableFuture<Void>> stored = java.util.Collections.synchronizedList(new ArrayList<>());
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                Thread writer = new Thread(() -> {
                    for (int i = 0; i < each; i++) {
                        stored.add(log.append(admit(base + i)));
                    }
                });
                writers.add(writer);
                writer.start();
            }
            for (Thread writer : writers) {
                writer.join();
            }
            CompletableFuture.allOf(stored.toArray(new CompletableFuture[0])).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(threads * each, log.appended());
            assertTrue("group commit: " + log.fsyncs() + " syncs for " + log.appended() + " appends",
                    log.fsyncs() < log.appended() / 4);
            System.out.printf("WAL: %d concurrent appends in %.3f s (%.0f appends/s), %d fsyncs%n", log.appended(),
                    seconds, log.appended() / seconds, log.fsyncs());
            assertEquals(threads * each, log.state().join().getAgentsCount());
        }
    }

    @Test
    public void sequentialAppendsOneSyncEach() throws Exception {
        Path dir = temp.getRoot().toPath().resolve("registry");
        try (WriteAheadLog log = WriteAheadLog.open(dir, 1_000_000, Long.MAX_VALUE)) {
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                log.append(admit(i)).join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(200, log.fsyncs());
            System.out.printf("WAL: 200 sequential appends (each waited for) in %.3f s (%.0f appends/s)%n", seconds,
                    200 / seconds);
        }
    }

    @Test
    public void emptyOperationIsRefused() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(temp.getRoot().toPath(), 10, 10)) {
            assertTrue(log.append(RegistryOperation.getDefaultInstance()).isCompletedExceptionally());
        }
    }
}
