// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** Writes configuration fixtures into a temporary folder and loads them. */
final class ConfigFolder {
    /** The files {@code gateway.yaml} refers to by default; the loader only checks that they exist. */
    static final List<String> REFERENCED = List.of("devices.yaml", "crews.yaml", "governance.yaml");

    private ConfigFolder() {
    }

    /**
     * @param dir  the folder
     * @param name file name
     * @param yaml its content
     * @return the written file
     */
    static Path write(final Path dir, final String name, final String yaml) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), yaml);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code gateway.yaml} next to stub devices, crews and governance files.
     *
     * @param dir  the folder
     * @param yaml the content of gateway.yaml
     * @return the written gateway.yaml
     */
    static Path gatewayYaml(final Path dir, final String yaml) {
        for (final String f : REFERENCED) {
            write(dir, f, "# stub: the configuration loader only checks that this file exists\n");
        }
        return write(dir, "gateway.yaml", yaml);
    }

    /**
     * @param dir  the folder
     * @param yaml the content of gateway.yaml
     * @return the loaded configuration without environment or overrides
     * @throws ConfigException if it is refused
     */
    static GatewayConfig load(final Path dir, final String yaml) throws ConfigException {
        return GatewayConfigLoader.load(List.of(gatewayYaml(dir, yaml)), Map.of(), Map.of());
    }

    /** @return the repository's {@code config/} folder, found from the working directory upwards */
    static Path repositoryConfigFolder() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("config").resolve("gateway.yaml"))) {
                return p.resolve("config");
            }
            p = p.getParent();
        }
        throw new IllegalStateException("no config/gateway.yaml above " + Path.of("").toAbsolutePath());
    }

    /**
     * Copies the sample {@code config/gateway.yaml} and the files it refers to into {@code dir}. When
     * {@code config/devices.yaml} is not there (it is generated), the fixture {@code config/devices.yaml} stands in.
     *
     * @param dir the target folder
     * @return the copied gateway.yaml
     */
    static Path copySample(final Path dir) {
        final Path source = repositoryConfigFolder();
        try {
            Files.createDirectories(dir);
            for (final String f : List.of("gateway.yaml", "crews.yaml", "governance.yaml")) {
                Files.copy(source.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.isRegularFile(source.resolve("devices.yaml"))) {
                Files.copy(source.resolve("devices.yaml"), dir.resolve("devices.yaml"),
                        StandardCopyOption.REPLACE_EXISTING);
            } else {
                try (InputStream in = ConfigFolder.class.getClassLoader().getResourceAsStream("config/devices.yaml")) {
                    Files.copy(in, dir.resolve("devices.yaml"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir.resolve("gateway.yaml");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
