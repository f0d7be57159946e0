/**
 * Threat intelligence: STIX 2.1 indicator bundles imported per source, their patterns parsed,
 * and the observables they name matched against every event's ECS fields.
 */
package io.gatewatch.detect.cti;
