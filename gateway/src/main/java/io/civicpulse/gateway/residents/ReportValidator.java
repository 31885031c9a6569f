// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.Visibility;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;

import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a {@link ReportForm} field by field; the first bad field is refused with a message naming it, its value
 * (never for personal fields) and what is expected. Thread-safe.
 */
public final class ReportValidator {
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{4,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}");
    private static final int MAX_NAME = 100;
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    private final GovernancePolicy policy;
    private final Registry registry;
    private final ResidentsConfig config;
    private final Set<String> communities;

    /**
     * @param policy   categories, never null
     * @param registry devices and the communities they are in, never null
     * @param config   size limits, never null
     */
    public ReportValidator(final GovernancePolicy policy, final Registry registry, final ResidentsConfig config) {
        this.policy = Objects.requireNonNull(policy, "policy must not be null.");
        this.registry = Objects.requireNonNull(registry, "registry must not be null.");
        this.config = Objects.requireNonNull(config, "config must not be null.");
        this.communities = new TreeSet<>();
        registry.devices().forEach(d -> communities.add(d.community()));
    }

    /** @return the communities (Open311 jurisdictions) this gateway serves, sorted */
    public Set<String> communities() {
        return Set.copyOf(communities);
    }

    /**
     * @param category a category
     * @return true if residents may report it (its issues are public in some form)
     */
    public static boolean isReportable(final Category category) {
        return category.visibility() != Visibility.INTERNAL && !"device".equals(category.group());
    }

    /**
     * @param form    the submitted fields, never null
     * @param channel how it arrived, never null
     * @return the validated report
     * @throws ReportRejectedException naming the first bad field
     */
    public ReportRequest validate(final ReportForm form, final Channel channel) {
        final String community = community(form.community());
        final Category category = category(form.category());
        final double lat = number("lat", form.lat(), -90, 90);
        final double lon = number("lon", form.lon(), -180, 180);
        final String assetId = asset(form.assetId(), community, category);
        final String text = text(form.text());
        final byte[] photo = photo(form);
        final String type = photo == null ? null : photoType(photo, form.photoType());
        final Reporter reporter = new Reporter(name(form.name()), phone(form.phone()), email(form.email()));
        return new ReportRequest(community, category.code(), lat, lon, assetId, text, photo, type, reporter, channel);
    }

    private String community(final String raw) {
        final String v = blankToNull(raw);
        if (v == null) {
            if (communities.size() == 1) {
                return communities.iterator().next();
            }
            throw new ReportRejectedException("community", "community is required: this gateway serves "
                    + communities);
        }
        if (!communities.contains(v)) {
            throw new ReportRejectedException("community", "community '" + clip(v) + "' is not served here; expected "
                    + "one of " + communities);
        }
        return v;
    }

    private Category category(final String raw) {
        final String v = blankToNull(raw);
        if (v == null) {
            throw new ReportRejectedException("category", "category is required, e.g. SL-01; see the services list");
        }
        final Category c = policy.category(v.toUpperCase(Locale.ROOT)).orElseThrow(() -> new ReportRejectedException(
                "category", "category '" + clip(v) + "' is not a known category code"));
        if (!isReportable(c)) {
            throw new ReportRejectedException("category", "category " + c.code() + " cannot be reported by "
                    + "residents (internal maintenance category)");
        }
        return c;
    }

    private static double number(final String field, final String raw, final double min, final double max) {
        final String v = blankToNull(raw);
        if (v == null) {
            throw new ReportRejectedException(field, field + " is required (WGS84 decimal degrees)");
        }
        try {
            final double d = Double.parseDouble(v);
            if (d >= min && d <= max) {
                return d;
            }
        } catch (final NumberFormatException e) {
            // answered below
        }
        throw new ReportRejectedException(field, field + " = " + clip(v) + " is not valid; expected a number from "
                + min + " to " + max);
    }

    private String asset(final String raw, final String community, final Category category) {
        final String v = blankToNull(raw);
        if (v == null) {
            return null;
        }
        final Device d = registry.device(v).filter(x -> x.community().equals(community)).orElseThrow(() ->
                new ReportRejectedException("assetId", "assetId '" + clip(v) + "' is not a registered asset of "
                        + community));
        if (!AssetGroups.fits(d.type(), category.group())) {
            throw new ReportRejectedException("assetId", "assetId " + v + " is a " + d.type() + ", which cannot have "
                    + "a " + category.group() + " problem (" + category.code() + ")");
        }
        return d.id();
    }

    private String text(final String raw) {
        final String v = blankToNull(raw);
        if (v == null) {
            throw new ReportRejectedException("text", "text is required: describe what you saw");
        }
        if (v.length() > config.maxTextChars()) {
            throw new ReportRejectedException("text", "text has " + v.length() + " characters; at most "
                    + config.maxTextChars() + " are accepted");
        }
        return v;
    }

    private byte[] photo(final ReportForm form) {
        byte[] bytes = form.photoBytes();
        if (bytes == null && blankToNull(form.photoBase64()) != null) {
            try {
                bytes = Base64.getMimeDecoder().decode(form.photoBase64().trim());
            } catch (final IllegalArgumentException e) {
                throw new ReportRejectedException("photo", "photo is not valid base64: " + e.getMessage());
            }
        }
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        if (bytes.length > config.maxPhotoBytes()) {
            throw new ReportRejectedException("photo", "photo has " + bytes.length + " bytes; at most "
                    + config.maxPhotoBytes() + " are accepted");
        }
        return bytes;
    }

    /** The bytes decide, not the declared type: only real JPEG and PNG images are kept. */
    private static String photoType(final byte[] photo, final String declared) {
        final String type = startsWith(photo, JPEG) ? "image/jpeg" : startsWith(photo, PNG) ? "image/png" : null;
        if (type == null) {
            throw new ReportRejectedException("photo", "photo is not a JPEG or PNG image"
                    + (declared == null ? "" : " (declared " + clip(declared) + ")"));
        }
        return type;
    }

    private static String name(final String raw) {
        final String v = blankToNull(raw);
        if (v != null && v.length() > MAX_NAME) {
            throw new ReportRejectedException("name", "name is longer than " + MAX_NAME + " characters");
        }
        return v;
    }

    private static String phone(final String raw) {
        final String v = blankToNull(raw);
        if (v != null && !PHONE.matcher(v).matches()) {
            throw new ReportRejectedException("phone", "phone is not a phone number (digits, spaces, +, -, "
                    + "parentheses; 5 to 31 characters)");
        }
        return v;
    }

    private static String email(final String raw) {
        final String v = blankToNull(raw);
        if (v != null && (v.length() > 320 || !EMAIL.matcher(v).matches())) {
            throw new ReportRejectedException("email", "email is not an e-mail address");
        }
        return v;
    }

    private static boolean startsWith(final byte[] data, final byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String blankToNull(final String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    /** Echoed values are cut so an error message cannot be used to reflect large input. */
    private static String clip(final String v) {
        return v.length() > 64 ? v.substring(0, 64) + "…" : v;
    }
}
