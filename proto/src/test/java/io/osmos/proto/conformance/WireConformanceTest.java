package io.osmos.proto.conformance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;

import org.junit.Test;

/**
 * Every schema file we share with Mesos 1.10 must match the descriptors shipped in
 * {@code org.apache.mesos:mesos:1.10.0} (classifier shaded-protobuf): a changed field number,
 * name, type or label here breaks Mesos clients, so it fails the build.
 */
public class WireConformanceTest {

    /** Our file descriptor beside Mesos' one for the same {@code .proto} file. */
    private record Pair(FileDescriptor ours, org.apache.mesos.protobuf.Descriptors.FileDescriptor theirs) {
    }

    private static List<Pair> sharedFiles() {
        return List.of(
                new Pair(io.osmos.proto.v1.MesosProtos.getDescriptor(), org.apache.mesos.v1.Protos.getDescriptor()),
                new Pair(io.osmos.proto.v1.scheduler.SchedulerProtos.getDescriptor(),
                        org.apache.mesos.v1.scheduler.Protos.getDescriptor()),
                new Pair(io.osmos.proto.v1.executor.ExecutorProtos.getDescriptor(),
                        org.apache.mesos.v1.executor.Protos.getDescriptor()),
                new Pair(io.osmos.proto.v1.master.MasterProtos.getDescriptor(),
                        org.apache.mesos.v1.master.Protos.getDescriptor()),
                new Pair(io.osmos.proto.v1.agent.AgentProtos.getDescriptor(),
                        org.apache.mesos.v1.agent.Protos.getDescriptor()),
                new Pair(io.osmos.proto.v1.quota.QuotaProtos.getDescriptor(),
                        org.apache.mesos.v1.quota.Protos.getDescriptor()),
                new Pair(io.osmos.proto.v1.maintenance.MaintenanceProtos.getDescriptor(),
                        org.apache.mesos.v1.maintenance.Protos.getDescriptor()),
                new Pair(io.osmos.proto.v1.allocator.AllocatorProtos.getDescriptor(),
                        org.apache.mesos.v1.allocator.Protos.getDescriptor()),
                new Pair(io.osmos.proto.v1.resource_provider.ResourceProviderProtos.getDescriptor(),
                        org.apache.mesos.v1.resource_provider.Protos.getDescriptor()));
    }

    @Test
    public void everySharedMessageAndEnumMatchesMesos110() throws InvalidProtocolBufferException {
        List<String> differences = new ArrayList<>();
        int messages = 0;
        for (Pair pair : sharedFiles()) {
            FileDescriptorProto ours = pair.ours().toProto();
            // Mesos' descriptor lives in its shaded protobuf runtime; its bytes are plain descriptor.proto.
            FileDescriptorProto theirs = FileDescriptorProto.parseFrom(pair.theirs().toProto().toByteArray());
            assertEquals("file name", theirs.getName(), ours.getName());
            differences.addAll(DescriptorComparison.compare(ours, theirs));
            messages += pair.ours().getMessageTypes().size();
        }
        assertTrue("compared the whole schema, not an empty one: " + messages + " top-level messages", messages > 100);
        assertTrue("Wire schema differs from Mesos 1.10:\n  " + String.join("\n  ", differences),
                differences.isEmpty());
    }

    @Test
    public void theComparisonNoticesAChangedFieldNumber() throws InvalidProtocolBufferException {
        FileDescriptorProto theirs = FileDescriptorProto.parseFrom(
                org.apache.mesos.v1.Protos.getDescriptor().toProto().toByteArray());
        FileDescriptorProto.Builder tampered = io.osmos.proto.v1.MesosProtos.getDescriptor().toProto().toBuilder();
        for (var message : tampered.getMessageTypeBuilderList()) {
            if (message.getName().equals("TaskInfo")) {
                message.getFieldBuilderList().stream().filter(f -> f.getName().equals("limits"))
                        .forEach(f -> f.setNumber(16));
            }
        }
        List<String> differences = DescriptorComparison.compare(tampered.build(), theirs);
        assertTrue(differences.toString(),
                differences.contains("mesos/v1/mesos.proto.TaskInfo: field limits = 15 is missing"));
    }
}
