// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes sessions and retained messages as compact binary records for the session store. The first byte is a
 * format version, so a later format can still read what an older gateway wrote.
 */
final class SnapshotCodec {
    private static final int VERSION = 1;

    private SnapshotCodec() {
    }

    static byte[] encode(final SessionSnapshot s) {
        return write(out -> {
            out.writeUTF(s.clientId());
            out.writeLong(s.expirySeconds());
            out.writeLong(s.disconnectedAt());
            out.writeInt(s.lastPacketId());
            out.writeInt(s.subscriptions().size());
            for (final Subscription sub : s.subscriptions()) {
                out.writeUTF(sub.filter());
                out.writeByte(sub.qos());
                out.writeBoolean(sub.noLocal());
                out.writeBoolean(sub.retainAsPublished());
                out.writeByte(sub.retainHandling());
                out.writeInt(sub.subscriptionId());
            }
            out.writeInt(s.pending().size());
            for (final SessionSnapshot.Pending p : s.pending()) {
                out.writeInt(p.packetId());
                out.writeBoolean(p.released());
                writeDelivery(out, p.delivery());
            }
            out.writeBoolean(s.will() != null);
            if (s.will() != null) {
                out.writeLong(s.will().delaySeconds());
                writeMessage(out, s.will().message());
            }
        });
    }

    static SessionSnapshot decodeSession(final byte[] bytes) {
        try (DataInputStream in = open(bytes)) {
            final String clientId = in.readUTF();
            final long expiry = in.readLong();
            final long disconnectedAt = in.readLong();
            final int lastPacketId = in.readInt();
            final int subCount = in.readInt();
            final List<Subscription> subs = new ArrayList<>(subCount);
            for (int i = 0; i < subCount; i++) {
                subs.add(new Subscription(clientId, in.readUTF(), in.readByte(), in.readBoolean(), in.readBoolean(),
                        in.readByte(), in.readInt()));
            }
            final int pendingCount = in.readInt();
            final List<SessionSnapshot.Pending> pending = new ArrayList<>(pendingCount);
            for (int i = 0; i < pendingCount; i++) {
                pending.add(new SessionSnapshot.Pending(in.readInt(), in.readBoolean(), readDelivery(in)));
            }
            Will will = null;
            if (in.readBoolean()) {
                final long delay = in.readLong();
                will = new Will(readMessage(in), delay);
            }
            return new SessionSnapshot(clientId, expiry, disconnectedAt, lastPacketId, subs, pending, will);
        } catch (final IOException e) {
            throw new UncheckedIOException("unreadable session record", e);
        }
    }

    static byte[] encode(final BrokerMessage m) {
        return write(out -> writeMessage(out, m));
    }

    static BrokerMessage decodeMessage(final byte[] bytes) {
        try (DataInputStream in = open(bytes)) {
            return readMessage(in);
        } catch (final IOException e) {
            throw new UncheckedIOException("unreadable retained message record", e);
        }
    }

    private static DataInputStream open(final byte[] bytes) throws IOException {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        final int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new IOException("record format " + version + " is not supported (expected " + VERSION + ")");
        }
        return in;
    }

    private static void writeDelivery(final DataOutputStream out, final Delivery d) throws IOException {
        out.writeByte(d.qos());
        out.writeBoolean(d.retain());
        out.writeInt(d.subscriptionIds().size());
        for (final int id : d.subscriptionIds()) {
            out.writeInt(id);
        }
        writeMessage(out, d.message());
    }

    private static Delivery readDelivery(final DataInputStream in) throws IOException {
        final int qos = in.readByte();
        final boolean retain = in.readBoolean();
        final int n = in.readInt();
        final List<Integer> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(in.readInt());
        }
        return new Delivery(readMessage(in), qos, retain, List.copyOf(ids));
    }

    private static void writeMessage(final DataOutputStream out, final BrokerMessage m) throws IOException {
        out.writeUTF(m.topic());
        writeBytes(out, m.payload());
        out.writeByte(m.qos());
        out.writeBoolean(m.retain());
        out.writeLong(m.expiresAt());
        out.writeUTF(m.publisherId());
        final PublishProperties p = m.properties();
        out.writeInt(p.payloadFormat());
        writeString(out, p.contentType());
        writeString(out, p.responseTopic());
        writeBytes(out, p.correlationData());
        out.writeInt(p.userProperties().size());
        for (final PublishProperties.UserProperty u : p.userProperties()) {
            out.writeUTF(u.key());
            out.writeUTF(u.value());
        }
    }

    private static BrokerMessage readMessage(final DataInputStream in) throws IOException {
        final String topic = in.readUTF();
        final byte[] payload = readBytes(in);
        final int qos = in.readByte();
        final boolean retain = in.readBoolean();
        final long expiresAt = in.readLong();
        final String publisher = in.readUTF();
        final int format = in.readInt();
        final String contentType = readString(in);
        final String responseTopic = readString(in);
        final byte[] correlation = readBytes(in);
        final int n = in.readInt();
        final List<PublishProperties.UserProperty> users = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            users.add(new PublishProperties.UserProperty(in.readUTF(), in.readUTF()));
        }
        final PublishProperties props = format < 0 && contentType == null && responseTopic == null
                && correlation == null && users.isEmpty() ? PublishProperties.NONE
                : new PublishProperties(format, contentType, responseTopic, correlation, List.copyOf(users));
        return new BrokerMessage(topic, payload == null ? new byte[0] : payload, qos, retain, props, expiresAt,
                publisher);
    }

    private static void writeString(final DataOutputStream out, final String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readString(final DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeBytes(final DataOutputStream out, final byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(final DataInputStream in) throws IOException {
        final int n = in.readInt();
        if (n < 0) {
            return null;
        }
        final byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static byte[] write(final Writer w) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            w.write(out);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes fields. */
    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }
}
