package org.gridcase.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code gridcase.engine-api.*}: the largest request body the engine REST API and the webapps' APIs accept; a JSON
 * (or any other) body beyond {@code max-body} and a multipart upload (a deployment) beyond {@code max-upload} are
 * answered 413.
 */
@ConfigurationProperties(prefix = "gridcase.engine-api")
record EngineApiProperties(@DefaultValue("1MB") DataSize maxBody, @DefaultValue("20MB") DataSize maxUpload) {
}
