/**
 * Documentation generated from the code ({@code gatewatch doc}): the intake's formats, categories,
 * fields, samples and rules read from the parser, its catalog and the rule pack, so the document
 * cannot drift from what the code does.
 */
package io.gatewatch.cli.doc;
