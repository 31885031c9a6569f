// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated governance policy ({@code config/governance.yaml}): bodies, categories and the working calendar.
 *
 * <p>Immutable and thread-safe once loaded. Loading fails fast with a {@link PolicyException} naming every bad
 * key, its value and what was expected; a gateway must not start with a policy it could not fully read.
 */
public final class GovernancePolicy {
    /** Classpath location of the sample policy shipped in the jar (copied from {@code config/} by the build). */
    public static final String DEFAULTS_RESOURCE = "defaults/governance.yaml";

    // Duplicate keys (two SL-01 entries) would otherwise silently keep the last one.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String source;
    private final Map<String, Body> bodies;
    private final Map<String, Category> categories;
    private final WorkingCalendar calendar;
    private final String platformBodyId;
    private final EscalationPolicy escalation;
    private final Map<String, Automation> automation;

    GovernancePolicy(final String source, final Map<String, Body> bodies, final Map<String, Category> categories,
                     final WorkingCalendar calendar, final String platformBodyId, final EscalationPolicy escalation,
                     final Map<String, Automation> automation) {
        this.source = source;
        this.bodies = Collections.unmodifiableMap(new LinkedHashMap<>(bodies));
        this.categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        this.calendar = calendar;
        this.platformBodyId = platformBodyId;
        this.escalation = escalation;
        this.automation = Collections.unmodifiableMap(new LinkedHashMap<>(automation));
    }

    /**
     * Loads and validates a policy file.
     *
     * @param file the YAML file, never null
     * @return the policy
     * @throws PolicyException if the file cannot be read or is invalid
     */
    public static GovernancePolicy load(final Path file) throws PolicyException {
        Objects.requireNonNull(file, "file must not be null.");
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (final IOException e) {
            throw new PolicyException(file.toString(), e.toString(), e);
        }
    }

    /**
     * Loads and validates a policy from a stream; the stream is read fully but not closed.
     *
     * @param in         the YAML text in UTF-8, never null
     * @param sourceName name used in error messages (file or resource), never null
     * @return the policy
     * @throws PolicyException if the text cannot be parsed or is invalid
     */
    public static GovernancePolicy load(final InputStream in, final String sourceName) throws PolicyException {
        Objects.requireNonNull(in, "in must not be null.");
        Objects.requireNonNull(sourceName, "sourceName must not be null.");
        final JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (final JsonProcessingException e) {
            final String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new PolicyException(sourceName, "not valid YAML" + where + ": " + e.getOriginalMessage(), e);
        } catch (final IOException e) {
            throw new PolicyException(sourceName, e.toString(), e);
        }
        return new PolicyParser(sourceName).parse(root);
    }

    /**
     * Loads the sample policy shipped in the jar ({@link #DEFAULTS_RESOURCE}).
     *
     * @return the policy
     * @throws PolicyException if the resource is missing or invalid
     */
    public static GovernancePolicy loadDefaults() throws PolicyException {
        try (InputStream in = GovernancePolicy.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new PolicyException(DEFAULTS_RESOURCE, "not on the classpath", null);
            }
            return load(in, "classpath:" + DEFAULTS_RESOURCE);
        } catch (final IOException e) {
            throw new PolicyException(DEFAULTS_RESOURCE, e.toString(), e);
        }
    }

    /**
     * @param code category code such as {@code SL-01}
     * @return the category, or empty if the policy has no such category
     */
    public Optional<Category> category(final String code) {
        return Optional.ofNullable(categories.get(code));
    }

    /**
     * @param id body id
     * @return the body, or empty if unknown
     */
    public Optional<Body> body(final String id) {
        return Optional.ofNullable(bodies.get(id));
    }

    /**
     * The bodies that receive reports about {@code bodyId} (上报上级), nearest first; the hierarchy is acyclic.
     *
     * @param bodyId a known body id
     * @return the parent, grandparent, … up to a body without parent; empty for an unknown or top-level body
     */
    public List<Body> reportingChain(final String bodyId) {
        final List<Body> chain = new ArrayList<>();
        Body body = bodies.get(bodyId);
        while (body != null && body.parentId() != null) {
            body = bodies.get(body.parentId());
            chain.add(body);
        }
        return chain;
    }

    /** @return bodies by id in file order, unmodifiable */
    public Map<String, Body> bodies() {
        return bodies;
    }

    /** @return categories by code in file order, unmodifiable */
    public Map<String, Category> categories() {
        return categories;
    }

    /** @return the working calendar deadlines run on */
    public WorkingCalendar calendar() {
        return calendar;
    }

    /** @return the body recorded as actor of automatic steps (platform ops), always a known body */
    public Body platformBody() {
        return bodies.get(platformBodyId);
    }

    /** @return the escalation ladder and reopen rules (defaults when the file has none) */
    public EscalationPolicy escalation() {
        return escalation;
    }

    /**
     * @param categoryCode a category code
     * @return how the platform handles that ROUTINE_AUTO category itself, or empty (then its timebox simply falls
     *         back to the category's own lead)
     */
    public Optional<Automation> automation(final String categoryCode) {
        return Optional.ofNullable(automation.get(categoryCode));
    }

    /**
     * @param type a body type
     * @return the first body of that type in file order, or empty
     */
    public Optional<Body> firstBodyOfType(final BodyType type) {
        return bodies.values().stream().filter(b -> b.type() == type).findFirst();
    }

    /** @return the file or resource the policy was loaded from */
    public String source() {
        return source;
    }
}
