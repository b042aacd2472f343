package io.github.regpy4j.worker.internal;

/**
 * Tells a worker to map a {@link SharedRegion} into a slot, replacing what the slot held.
 *
 * @param slot one of the slots of {@link SharedVector}
 * @param path the region's file, under {@link SharedRegion#DIRECTORY}
 */
public record RegionDeclaration(int slot, String path) {}
