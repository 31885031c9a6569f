// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import io.civicpulse.gateway.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResidentsConfigTest {
    @TempDir
    Path dir;

    @Test
    void load_shippedFile_matchesTheDefaults() throws Exception {
        final ResidentsConfig c = ResidentsConfig.load(Path.of("..", "config", "residents.yaml"));

        assertThat(c.group("streetlight").mergeRadiusMetres()).isEqualTo(50);
        assertThat(c.group("gate").mergeRadiusMetres()).isEqualTo(150);
        assertThat(c.maxPhotoBytes()).isEqualTo(ResidentsConfig.defaults().maxPhotoBytes());
        assertThat(c.open311().requireApiKey()).isFalse();
    }

    @Test
    void load_missingFile_isTheDefaults() throws Exception {
        assertThat(ResidentsConfig.load(dir.resolve("none.yaml"))).isEqualTo(ResidentsConfig.defaults());
    }

    @Test
    void load_misspeltKey_namesIt() throws Exception {
        final Path f = Files.writeString(dir.resolve("r.yaml"), "groups:\n  waste: { mergeRadius: 50 }\n");

        assertThatThrownBy(() -> ResidentsConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mergeRadius");
    }

    @Test
    void load_requiredKeyWithoutHashes_isRefused() throws Exception {
        final Path f = Files.writeString(dir.resolve("r.yaml"), "open311: { requireApiKey: true }\n");

        assertThatThrownBy(() -> ResidentsConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("apiKeyHashes");
    }
}
