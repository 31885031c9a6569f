// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.registry;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.civicpulse.gateway.config.ConfigException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code devices.yaml} and {@code crews.yaml}; refuses the start with the entry and field that is wrong.
 */
public final class RegistryLoader {
    /** Device types the gateway has rules and storage for. */
    public static final Set<String> DEVICE_TYPES = Set.of("streetlight", "bin", "gate");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern COMMUNITY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** bcrypt with a cost the library accepts (4 to 31). */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12]\\d|3[01])\\$[./A-Za-z0-9]{53}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RegistryLoader() {
    }

    /**
     * @param devicesFile the device registry
     * @param crewsFile   the crew accounts
     * @return the registry
     * @throws ConfigException naming the file, entry and field that is wrong
     */
    public static Registry load(final Path devicesFile, final Path crewsFile) throws ConfigException {
        final Map<String, Device> devices = new LinkedHashMap<>();
        final Map<String, Device> byDevEui = new HashMap<>();
        final DevicesFile df = read(devicesFile, DevicesFile.class);
        final List<DeviceEntry> entries = df.devices == null ? List.of() : df.devices;
        for (int i = 0; i < entries.size(); i++) {
            final Device d = validate(devicesFile + ": devices[" + i + "]", entries.get(i));
            if (devices.putIfAbsent(d.id(), d) != null) {
                throw new ConfigException(devicesFile + ": devices[" + i + "].id: '" + d.id() + "' is listed twice");
            }
            final Device sameEui = d.hasDevEui() ? byDevEui.putIfAbsent(d.devEui(), d) : null;
            if (sameEui != null) {
                throw new ConfigException(devicesFile + ": devices[" + i + "].devEui: '" + entries.get(i).devEui
                        + "' is already the DevEUI of " + sameEui.id() + "; a DevEUI names one device");
            }
        }
        final Map<String, CrewAccount> crews = new LinkedHashMap<>();
        final CrewsFile cf = read(crewsFile, CrewsFile.class);
        final List<CrewEntry> accounts = cf.accounts == null ? List.of() : cf.accounts;
        for (int i = 0; i < accounts.size(); i++) {
            final CrewAccount a = validate(crewsFile + ": accounts[" + i + "]", accounts.get(i));
            if (crews.putIfAbsent(a.username(), a) != null || devices.containsKey(a.username())) {
                throw new ConfigException(crewsFile + ": accounts[" + i + "].username: '" + a.username()
                        + "' is already used by another account or device");
            }
        }
        return new Registry(devices, crews);
    }

    private static Device validate(final String at, final DeviceEntry e) throws ConfigException {
        require(at + ".id", e.id, ID, "letters, digits, '.', '_' or '-' (at most 64)");
        require(at + ".community", e.community, COMMUNITY, "lower-case letters, digits or '-'");
        require(at + ".passwordHash", e.passwordHash, BCRYPT, "a bcrypt hash ($2a$, $2b$ or $2y$, cost 04-31)");
        if (e.type == null || !DEVICE_TYPES.contains(e.type)) {
            throw new ConfigException(at + ".type: '" + e.type + "' is not valid; expected one of " + DEVICE_TYPES);
        }
        if (e.intervalSeconds < 1 || e.intervalSeconds > 86_400) {
            throw new ConfigException(at + ".intervalSeconds: '" + e.intervalSeconds
                    + "' is not valid; expected 1 to 86400");
        }
        final String devEui = DevEui.normalize(e.devEui);
        if (e.devEui != null && devEui == null) {
            throw new ConfigException(at + ".devEui: '" + e.devEui + "' is not valid; expected 16 hexadecimal "
                    + "digits without separators, e.g. 0004a30b001c0530");
        }
        return new Device(e.id, e.type, e.community, e.passwordHash, e.intervalSeconds,
                e.lat == null ? Double.NaN : e.lat, e.lon == null ? Double.NaN : e.lon,
                e.area == null ? "" : e.area, e.segment == null ? "" : e.segment, devEui == null ? "" : devEui);
    }

    private static CrewAccount validate(final String at, final CrewEntry e) throws ConfigException {
        require(at + ".username", e.username, ID, "letters, digits, '.', '_' or '-' (at most 64)");
        require(at + ".passwordHash", e.passwordHash, BCRYPT, "a bcrypt hash ($2a$, $2b$ or $2y$, cost 04-31)");
        require(at + ".body", e.body, ID, "a body id from governance.yaml");
        return new CrewAccount(e.username, e.passwordHash, e.body);
    }

    private static void require(final String key, final String value, final Pattern pattern, final String expected)
            throws ConfigException {
        if (value == null || !pattern.matcher(value).matches()) {
            final String shown = key.endsWith("passwordHash") && value != null ? "<hidden>" : String.valueOf(value);
            throw new ConfigException(key + ": '" + shown + "' is not valid; expected " + expected);
        }
    }

    private static <T> T read(final Path file, final Class<T> type) throws ConfigException {
        try {
            final T value = YAML.readValue(file.toFile(), type);
            if (value == null) {
                throw new ConfigException(file + ": is empty");
            }
            return value;
        } catch (final JacksonException e) {
            throw new ConfigException(file + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (final IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The YAML shape of devices.yaml. */
    static final class DevicesFile {
        public List<DeviceEntry> devices;
    }

    /** One device entry as written. */
    static final class DeviceEntry {
        public String id;
        public String type;
        public String community;
        public String passwordHash;
        public int intervalSeconds = 10;
        public Double lat;
        public Double lon;
        public String area;
        public String segment;
        /** LoRaWAN DevEUI, optional; 16 hex digits, unique. */
        public String devEui;
    }

    /** The YAML shape of crews.yaml. */
    static final class CrewsFile {
        public List<CrewEntry> accounts;
    }

    /** One crew account as written. */
    static final class CrewEntry {
        public String username;
        public String passwordHash;
        public String body;
    }
}
