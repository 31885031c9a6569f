// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import io.civicpulse.simulators.DeterministicRandom;

/** Creates the model of a device from the fleet seed, so the same seed replays the same behaviour. */
public final class DeviceModels {

    private DeviceModels() {
    }

    /** The model of device {@code deviceId} of {@code type}, its randomness derived from {@code seed}. */
    public static DeviceModel create(final DeviceType type, final long seed, final String deviceId) {
        final var random = DeterministicRandom.forKey(seed, "model:" + deviceId);
        return switch (type) {
            case STREETLIGHT -> new StreetlightModel(random);
            case BIN -> new BinModel(random);
            case GATE -> new GateModel(random);
        };
    }

    /** As {@link #create(DeviceType, long, String)}, for a device standing in {@code area} (bins fill by area). */
    public static DeviceModel create(final DeviceType type, final long seed, final String deviceId,
                                     final String area) {
        if (type != DeviceType.BIN) {
            return create(type, seed, deviceId);
        }
        return new BinModel(DeterministicRandom.forKey(seed, "model:" + deviceId), area);
    }

    static void checkApplies(final FaultKind fault, final DeviceType type) {
        if (fault == null) {
            throw new IllegalArgumentException("fault must not be null.");
        }
        if (!fault.appliesTo(type)) {
            throw new IllegalArgumentException("fault " + fault.label() + " applies to "
                    + fault.deviceTypeNames() + " devices, not to a " + type.topicName());
        }
    }
}
