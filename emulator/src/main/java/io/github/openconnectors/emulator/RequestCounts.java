package io.github.openconnectors.emulator;

/**
 * What the emulator has counted since it started or its journal was last cleared, however many
 * requests the journal keeps: the figures by which the cost of a client, or of a fleet of them, is
 * measured.
 *
 * @param requests every request received
 * @param logIns {@code POST /authentication}
 * @param instanceLookups {@code GET /instances/{id}}, as a client resolving an instance token sends
 * @param unauthorized requests answered 401
 * @param rateLimited requests answered 429
 */
public record RequestCounts(
    long requests, long logIns, long instanceLookups, long unauthorized, long rateLimited) {}
