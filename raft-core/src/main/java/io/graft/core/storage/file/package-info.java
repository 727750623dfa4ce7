/**
 * The crash-safe file log: {@link io.graft.core.storage.file.FileLogStorage}, a segmented append-only log
 * with checksummed records, an atomically replaced hard state file, a lock against concurrent use and an
 * identity check against using another member's data.
 *
 * <p>A data directory holds:
 * <ul>
 *   <li>{@code log-<first index, 20 digits>.seg}: segments of records (length, CRC32C, term, index, type,
 *       payload), rolled at {@link io.graft.core.storage.file.FileLogOptions#segmentSizeBytes()};
 *   <li>{@code hardstate}: term and vote, with a CRC32C, replaced via {@code hardstate.tmp} and a rename;
 *   <li>{@code meta}: format version, cluster id and member id, written on first open;
 *   <li>{@code graft.lock}: locked while a storage has the directory open; holds the owner's pid.
 * </ul>
 * On load, an invalid record in the last segment with no valid record after it is a torn write and is cut
 * off (logged at WARN); any other damage fails with a
 * {@link io.graft.api.CorruptLogException} naming the file and byte offset.
 */
package io.graft.core.storage.file;
