/**
 * The alerts store: rule matches grouped by similarity into alerts an analyst works from, with
 * statuses, their history, comments and an assignee, kept in one embedded SQLite file.
 */
package io.gatewatch.alerts;
