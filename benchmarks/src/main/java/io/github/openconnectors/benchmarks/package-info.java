/**
 * Side-by-side measurements of the client against its peers and the physical limit, run with {@code
 * java -jar benchmarks/target/openconnectors-benchmarks.jar}. Not API.
 */
@NullMarked
package io.github.openconnectors.benchmarks;

import org.jspecify.annotations.NullMarked;
