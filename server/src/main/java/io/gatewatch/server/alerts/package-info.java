/** The alerts API: list, read, triage and comment the alerts detection raised. */
package io.gatewatch.server.alerts;
