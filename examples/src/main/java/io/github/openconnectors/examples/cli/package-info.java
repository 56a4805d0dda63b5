/**
 * The {@code openconnectors} command-line tool: the library at work, against a real tenant or
 * built-in demo values. An example, not API.
 */
@NullMarked
package io.github.openconnectors.examples.cli;

import org.jspecify.annotations.NullMarked;
