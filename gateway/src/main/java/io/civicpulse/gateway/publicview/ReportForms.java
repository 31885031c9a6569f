// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.publicview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.residents.ReportForm;
import io.civicpulse.gateway.residents.ReportRejectedException;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads a {@link ReportForm} from {@code POST /api/reports}: a JSON object (photo as base64), a multipart form
 * (photo as a file part named {@code photo}) or a URL-encoded form. Unknown JSON fields are refused by name, so a
 * misspelt {@code latitude} is not silently dropped.
 */
final class ReportForms {
    static final Set<String> FIELDS = Set.of("community", "category", "lat", "lon", "assetId", "text", "photo",
            "photoType", "reporter");
    private static final Set<String> REPORTER_FIELDS = Set.of("name", "phone", "email");

    private ReportForms() {
    }

    static ReportForm read(final Context ctx, final ObjectMapper json, final int maxPhotoBytes) {
        if (ctx.isMultipartFormData()) {
            return new ReportForm(ctx.formParam("community"), ctx.formParam("category"), ctx.formParam("lat"),
                    ctx.formParam("lon"), ctx.formParam("assetId"), ctx.formParam("text"), ctx.formParam("photo"),
                    photoPart(ctx.uploadedFile("photo"), maxPhotoBytes), photoType(ctx), ctx.formParam("name"),
                    ctx.formParam("phone"), ctx.formParam("email"));
        }
        final String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return new ReportForm(ctx.formParam("community"), ctx.formParam("category"), ctx.formParam("lat"),
                    ctx.formParam("lon"), ctx.formParam("assetId"), ctx.formParam("text"), ctx.formParam("photo"),
                    null, ctx.formParam("photoType"), ctx.formParam("name"), ctx.formParam("phone"),
                    ctx.formParam("email"));
        }
        return fromJson(ctx.body(), json);
    }

    private static ReportForm fromJson(final String body, final ObjectMapper json) {
        final JsonNode root;
        try {
            root = json.readTree(body);
        } catch (final JsonProcessingException e) {
            throw new ReportRejectedException("body", "body is not valid JSON (" + e.getOriginalMessage()
                    + "); send a JSON object, a multipart form or a URL-encoded form");
        }
        if (root == null || !root.isObject()) {
            throw new ReportRejectedException("body", "body must be a JSON object with category, lat, lon and text");
        }
        requireKnown(root, FIELDS, "");
        final JsonNode reporter = root.path("reporter");
        if (!reporter.isMissingNode() && !reporter.isNull()) {
            if (!reporter.isObject()) {
                throw new ReportRejectedException("reporter", "reporter must be an object with name, phone, email");
            }
            requireKnown(reporter, REPORTER_FIELDS, "reporter.");
        }
        return new ReportForm(text(root, "community"), text(root, "category"), text(root, "lat"), text(root, "lon"),
                text(root, "assetId"), text(root, "text"), text(root, "photo"), null, text(root, "photoType"),
                text(reporter, "name"), text(reporter, "phone"), text(reporter, "email"));
    }

    private static void requireKnown(final JsonNode node, final Set<String> known, final String prefix) {
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!known.contains(name)) {
                throw new ReportRejectedException(prefix + name, prefix + name + " is not a report field; expected "
                        + "some of " + known.stream().sorted().map(f -> prefix + f).toList());
            }
        }
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isContainerNode()) {
            throw new ReportRejectedException(field, field + " must be a single value, not an object or array");
        }
        return v.asText();
    }

    private static byte[] photoPart(final UploadedFile file, final int maxPhotoBytes) {
        if (file == null) {
            return null;
        }
        if (file.size() > maxPhotoBytes) {
            throw new ReportRejectedException("photo", "photo has " + file.size() + " bytes; at most " + maxPhotoBytes
                    + " are accepted");
        }
        try (InputStream in = file.content()) {
            return in.readNBytes(maxPhotoBytes + 1);
        } catch (final IOException e) {
            throw new ReportRejectedException("photo", "photo could not be read: " + e.getMessage());
        }
    }

    private static String photoType(final Context ctx) {
        final UploadedFile file = ctx.uploadedFile("photo");
        return file == null ? ctx.formParam("photoType") : file.contentType();
    }
}
