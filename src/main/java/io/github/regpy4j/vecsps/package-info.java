/**
 * Vector spaces whose elements are plain {@code double[]} arrays: {@link
 * io.github.regpy4j.vecsps.VectorSpace}, {@link io.github.regpy4j.vecsps.DirectSum} and {@link
 * io.github.regpy4j.vecsps.UniformGrid}. Port of regpy's {@code regpy.vecsps}.
 *
 * <p>This is the bottom layer: it depends on nothing else in regpy4j.
 */
package io.github.regpy4j.vecsps;
