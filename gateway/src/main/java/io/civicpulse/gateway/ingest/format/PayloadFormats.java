// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.ingest.NativeJsonPayloadDecoder;

import java.util.List;
import java.util.Set;

/** Makes a {@link PayloadFormat} from its name in {@code ingest.formats}. */
public final class PayloadFormats {
    /** Every format name, in the order the documentation lists them. */
    public static final List<String> NAMES = List.of(NativeJsonFormat.NAME, SenmlFormat.NAME,
            ChirpStackV4Format.NAME, TtnV3Format.NAME);
    /** The formats that translate names through a field map ({@code ingest.fieldMaps.<format>}). */
    public static final Set<String> MAPPED = Set.of(SenmlFormat.NAME, ChirpStackV4Format.NAME, TtnV3Format.NAME);

    private PayloadFormats() {
    }

    /**
     * @param name    a name from {@link #NAMES}
     * @param options the field maps
     * @param decoder the native decoder (it carries the future-skew limit)
     * @return the format
     * @throws IllegalArgumentException for an unknown name
     */
    public static PayloadFormat create(final String name, final FormatOptions options,
                                       final NativeJsonPayloadDecoder decoder) {
        return switch (name) {
            case NativeJsonFormat.NAME -> new NativeJsonFormat(decoder);
            case SenmlFormat.NAME -> new SenmlFormat(options.fieldMap(name));
            case ChirpStackV4Format.NAME -> new ChirpStackV4Format(options.fieldMap(name));
            case TtnV3Format.NAME -> new TtnV3Format(options.fieldMap(name));
            default -> throw new IllegalArgumentException("unknown payload format '" + name + "'; expected one of "
                    + NAMES);
        };
    }
}
