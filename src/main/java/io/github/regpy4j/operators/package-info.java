/**
 * Operators with derivatives and adjoints, their algebra, and the operators regpy offers. Port
 * of regpy's {@code regpy.operators}.
 *
 * <p>Depends only on {@code vecsps}; it never knows that processes exist.
 */
package io.github.regpy4j.operators;
