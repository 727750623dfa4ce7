package io.graft.core.storage.file;

import io.graft.api.CorruptLogException;
import io.graft.api.StorageException;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.LogStorage;
import io.graft.core.storage.StoredState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A crash-safe log in a data directory: segment files {@code log-<first index, 20 digits>.seg} of
 * checksummed records (layout in {@code RecordFormat}), an atomically replaced {@code hardstate} file, a
 * {@code meta} file naming the owning cluster and member, and a {@code graft.lock} file held while open.
 *
 * <p>Use from one thread. {@link #append} and {@link #saveHardState} only write to the OS (one write call per
 * 1 MiB of records); {@link #sync()} is the durability point (group commit). With
 * {@link FileLogOptions#fsync()} off, nothing is forced and acknowledged writes may be lost on power failure.
 *
 * <p>On {@link #load()}, an invalid record (cut short, bad length, checksum mismatch, unknown type) is a
 * <em>torn tail</em>, cut off with a WARN (with an INFO if it is all zeros: space written ahead of the records,
 * see {@code preallocate}), iff it is in the last segment and no valid record follows it (at
 * any byte offset after its start, with an index at or above the expected one). Anything else, including a
 * valid record with an unexpected index or a gap between segments, is corruption. The rule is sound because
 * these invariants hold on disk whenever the process dies:
 * <ol>
 *   <li>Only the last segment can hold unsynced bytes: a segment and its directory entry are forced before
 *       the next segment is created.
 *   <li>Everything the last segment held at the last {@code sync()} is durable, so an invalid record that
 *       no valid record follows can only be a write after it, which nobody was told about.
 *   <li>Conflict truncation and prefix compaction keep the log consecutive at every step (see
 *       {@code truncateFrom} and {@link #compactPrefix}).
 *   <li>A saved hard state is written and forced before the next log write (and at {@code sync()}), so no
 *       log entry reaches the disk before a term or vote saved ahead of it.
 * </ol>
 * If a device persists a later block of an unsynced write but not an earlier one, a valid record follows
 * an invalid one; {@link #load()} then refuses with a {@link CorruptLogException} rather than guess. That
 * errs on the side of never silently dropping entries that may be committed.
 *
 * <p>After any I/O error the storage refuses further writes with a {@link StorageException}: the member
 * must stop accepting writes and be restarted once the cause (disk full, permissions) is fixed.
 */
public final class FileLogStorage implements LogStorage {
    private static final Logger LOG = LoggerFactory.getLogger(FileLogStorage.class);
    private static final int WRITE_BUFFER_BYTES = 1 << 20;
    /**
     * With fsync on, how far ahead of its records the active segment is filled with zeros. A sync that finds
     * the file's length unchanged forces data alone, without a file system journal commit: with three logs
     * on one disk this machine's syncs took about a third less time (see {@link #preallocate}).
     */
    static final int PREALLOCATE_BYTES = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 10).asReadOnlyBuffer();

    private final Path dir;
    private final FileLogOptions options;
    private final DirectoryLock lock;
    private final HardStateFile hardStateFile;
    private final List<Segment> segments = new ArrayList<>();
    private final CRC32C crc = new CRC32C();
    private ByteBuffer writeBuffer;
    private IoFaultHook faultHook = IoFaultHook.NONE;
    private HardState writtenHardState = HardState.BLANK;
    private HardState pendingHardState;
    private boolean loaded;
    private boolean closed;
    private boolean activeDirty;
    private boolean directoryDirty;
    private StorageException failure;
    private io.graft.core.snapshot.SnapshotStore snapshotStore;

    private FileLogStorage(Path dir, FileLogOptions options, DirectoryLock lock, HardStateFile hardStateFile) {
        this.dir = dir;
        this.options = options;
        this.lock = lock;
        this.hardStateFile = hardStateFile;
    }

    /**
     * Opens (creating if needed) the data directory {@code dir} for the member in {@code options}: locks
     * it, and checks or records which cluster and member it belongs to. Call {@link #load()} next.
     *
     * @throws StorageException if the directory is in use, belongs to another member, or cannot be used
     */
    public static FileLogStorage open(Path dir, FileLogOptions options) {
        Objects.requireNonNull(options, "options");
        DirectoryLock lock;
        try {
            Files.createDirectories(dir);
            lock = DirectoryLock.acquire(dir);
        } catch (IOException e) {
            throw new StorageException("Cannot create or lock data directory " + dir + ": " + e
                    + "; check that the path is a writable directory", e);
        }
        try {
            HardStateFile hardState = new HardStateFile(dir);
            boolean hasData = hardState.exists() || !segmentFiles(dir).isEmpty() || holdsSnapshots(dir);
            DataDirectoryIdentity.verifyOrClaim(dir, options, hasData);
            hardState.deleteLeftoverTemp();
            Files.deleteIfExists(dir.resolve(DataDirectoryIdentity.TEMP_NAME));
            return new FileLogStorage(dir, options, lock, hardState);
        } catch (IOException | RuntimeException e) {
            try {
                lock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw new StorageException("Cannot open data directory " + dir + ": " + e, e);
        }
    }

    /** The data directory. */
    public Path directory() {
        return dir;
    }

    /**
     * Reads the hard state and every segment, cutting a torn tail off the last segment (logged at WARN).
     * The entries start at {@link #firstIndex()}, which is above 1 after {@link #compactPrefix}.
     *
     * @throws CorruptLogException if the data is damaged in a way a crash cannot explain
     */
    @Override
    public StoredState load() {
        if (loaded) {
            throw new IllegalStateException("load() was already called on the file log in " + dir);
        }
        checkUsable();
        long started = System.nanoTime();
        try {
            HardState hardState = hardStateFile.read();
            writtenHardState = hardState;
            List<LogEntry> entries = new ArrayList<>();
            SegmentScanner scanner = new SegmentScanner();
            TreeMap<Long, Path> files = segmentFiles(dir);
            for (Map.Entry<Long, Path> file : files.entrySet()) {
                Segment segment = new Segment(file.getValue(), file.getKey());
                if (!segments.isEmpty() && segment.firstIndex() != lastIndexOf(segments) + 1) {
                    throw new CorruptLogException(segment.path(), 0, "segment starts at index "
                            + segment.firstIndex() + " but the previous segment ends at index "
                            + lastIndexOf(segments) + ": segment files are missing or were added");
                }
                segments.add(segment);
                if (file.getKey().equals(files.lastKey())) {
                    segment.setChannel(openForWrite(segment.path()));
                    SegmentScanner.TornTail torn = scanner.scan(segment, segment.channel(), true, entries);
                    if (torn != null) {
                        cutTornTail(segment, torn);
                    }
                } else {
                    try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
                        scanner.scan(segment, channel, false, entries);
                    }
                }
            }
            checkHardStateCoversLog(hardState, entries);
            loaded = true;
            LOG.info("Loaded {} log entries [{}..{}] from {} segment(s) in {} ms from {}", entries.size(),
                    firstIndex(), lastIndex(), segments.size(), (System.nanoTime() - started) / 1_000_000, dir);
            return new StoredState(hardState, Collections.unmodifiableList(entries));
        } catch (StorageException e) {
            failure = e;
            throw e;
        } catch (IOException e) {
            throw fail("load the log", e);
        }
    }

    /**
     * A member's term is never below the term of an entry it holds (it adopts a leader's term before storing
     * its entries, and the hard state is forced first), and its vote lives in the hard state: a log with a
     * missing or older hard state means the file was deleted or replaced, and starting from it could make this
     * member vote twice in one term.
     */
    private void checkHardStateCoversLog(HardState hardState, List<LogEntry> entries) throws IOException {
        long lastTerm = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).term();
        boolean snapshots = holdsSnapshots(dir);
        if (!hardStateFile.exists() && (lastTerm > 0 || snapshots)) {
            throw new CorruptLogException(hardStateFile.path(), 0, "the '" + HardStateFile.NAME + "' file (this"
                    + " member's term and vote) is missing, but the directory holds "
                    + (entries.isEmpty() ? "snapshots" : "log entries up to index "
                    + entries.get(entries.size() - 1).index() + " of term " + lastTerm)
                    + "; starting without it could make this member vote twice in one term");
        }
        if (hardState.term() < lastTerm) {
            throw new CorruptLogException(hardStateFile.path(), 4, "the hard state records term "
                    + hardState.term() + ", below the term " + lastTerm + " of the last log entry (index "
                    + entries.get(entries.size() - 1).index() + "), so it is not this log's hard state");
        }
    }

    private static boolean holdsSnapshots(Path dir) throws IOException {
        Path snapshots = dir.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            return false;
        }
        try (var files = Files.list(snapshots)) {
            return files.findAny().isPresent();
        }
    }

    private void cutTornTail(Segment segment, SegmentScanner.TornTail torn) throws IOException {
        if (torn.zeros()) {
            LOG.info("{}: cutting {} bytes of zeros at byte offset {}: space written ahead of the records (the"
                    + " process stopped without closing the log)", segment.path(), torn.bytes(), torn.offset());
        } else {
            LOG.warn("{}: cutting {} bytes at byte offset {} ({}): a write that never completed, as no valid"
                    + " record follows it", segment.path(), torn.bytes(), torn.offset(), torn.problem());
        }
        faultHook.before("truncate", segment.path());
        segment.channel().truncate(torn.offset());
        segment.setAllocated(torn.offset());
        if (options.fsync()) {
            segment.channel().force(true);
        }
    }

    /** The index of the first stored entry; {@code lastIndex() + 1} when there is none. */
    public long firstIndex() {
        requireLoaded();
        return segments.isEmpty() ? 1 : segments.get(0).firstIndex();
    }

    /** The index of the last stored entry; {@code 0} for a new log. */
    public long lastIndex() {
        requireLoaded();
        return segments.isEmpty() ? 0 : lastIndexOf(segments);
    }

    /**
     * Writes {@code entries}; conflict truncation first if they start at or below {@link #lastIndex()}.
     * The first append to a new log may start at any index (after a snapshot); later ones must follow on.
     *
     * @throws IllegalArgumentException if the entries are not consecutive, leave a gap, or start below
     *     {@link #firstIndex()}
     * @throws StorageException on an I/O error, or after an earlier one
     */
    @Override
    public void append(List<LogEntry> entries) {
        checkWritable();
        checkBatch(entries);
        long first = entries.get(0).index();
        try {
            flushPendingHardState();
            if (!segments.isEmpty() && first <= lastIndex()) {
                truncateFrom(first);
            }
            if (segments.isEmpty()) {
                startSegment(first);
            }
            writeRecords(entries);
        } catch (IOException e) {
            throw fail("append entries " + first + ".." + (first + entries.size() - 1), e);
        }
    }

    private void checkBatch(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("append needs at least one entry");
        }
        long first = entries.get(0).index();
        for (int i = 0; i < entries.size(); i++) {
            LogEntry entry = entries.get(i);
            if (entry.index() != first + i) {
                throw new IllegalArgumentException("entries are not consecutive: " + entry + " at position " + i
                        + " of a batch starting at index " + first);
            }
            if (entry.payload().length > RecordFormat.MAX_PAYLOAD) {
                throw new IllegalArgumentException(entry + " exceeds the largest payload, "
                        + RecordFormat.MAX_PAYLOAD + " bytes");
            }
        }
        if (first < 1) {
            throw new IllegalArgumentException("log indexes start at 1, not " + first);
        }
        if (!segments.isEmpty() && first < firstIndex()) {
            throw new IllegalArgumentException("cannot write at index " + first + ": the log starts at "
                    + firstIndex() + " (earlier entries were compacted)");
        }
        if (!segments.isEmpty() && first > lastIndex() + 1) {
            throw new IllegalArgumentException("gap: appending at index " + first + " after index " + lastIndex());
        }
    }

    /**
     * Removes the entries from {@code index} on. Each step leaves a consecutive log if a crash interrupts it:
     * <ol>
     *   <li>Delete the segments after the one holding {@code index}, newest first, forcing the directory after
     *       each: a crash leaves the old log minus some newest whole segments, a prefix of it. (Oldest first,
     *       or unforced deletions the file system may reorder, could leave a hole.)
     *   <li>Cut that segment at the record's offset and force the cut: a crash leaves a prefix. Unforced, new
     *       records later written over the same offsets could reach the disk while old records after them
     *       survive, mixing new entries with stale ones.
     *   <li>The caller appends: a crash leaves the prefix plus some new records, maybe with a torn tail.
     * </ol>
     * Conflicts are rare (a leader change), so the extra forces cost little.
     */
    private void truncateFrom(long index) throws IOException {
        int holder = segmentHolding(index);
        for (int i = segments.size() - 1; i > holder; i--) {
            Segment doomed = segments.remove(i);
            doomed.closeChannel();
            faultHook.before("delete", doomed.path());
            Files.delete(doomed.path());
            if (options.fsync()) {
                forceDirectory();
            }
        }
        Segment segment = segments.get(holder);
        if (segment.channel() == null) {
            segment.setChannel(openForWrite(segment.path()));
        }
        long newSize = segment.forgetFrom(index);
        faultHook.before("truncate", segment.path());
        segment.channel().truncate(newSize);
        if (options.fsync()) {
            segment.channel().force(true);
        }
        activeDirty = false;
        LOG.info("Truncated the log in {} from index {} to replace conflicting entries", dir, index);
    }

    /** The position in {@link #segments} of the segment holding {@code index} (which is stored). */
    private int segmentHolding(long index) {
        int lo = 0;
        int hi = segments.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (segments.get(mid).firstIndex() <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Encodes the records into one buffer and writes it with as few calls as possible, rolling as needed. */
    private void writeRecords(List<LogEntry> entries) throws IOException {
        ByteBuffer buffer = writeBuffer(RecordFormat.size(entries.get(0)));
        Segment segment = active();
        for (LogEntry entry : entries) {
            int size = RecordFormat.size(entry);
            if (segment.recordCount() > 0
                    && segment.size() + buffer.position() + size > options.segmentSizeBytes()) {
                flush(segment, buffer);
                segment = rollTo(entry.index());
            }
            if (size > buffer.remaining()) {
                flush(segment, buffer);
                buffer = writeBuffer(size);
            }
            segment.addRecord(segment.size() + buffer.position());
            RecordFormat.encode(entry, buffer, crc);
        }
        flush(segment, buffer);
        if (buffer.capacity() > WRITE_BUFFER_BYTES) {
            writeBuffer = null; // do not keep a huge buffer for one huge entry
        }
    }

    /** The cleared write buffer, with room for at least {@code minimum} bytes. */
    private ByteBuffer writeBuffer(int minimum) {
        if (writeBuffer == null || writeBuffer.capacity() < minimum) {
            writeBuffer = ByteBuffer.allocateDirect(Math.max(WRITE_BUFFER_BYTES, minimum));
        }
        writeBuffer.clear();
        return writeBuffer;
    }

    private void flush(Segment segment, ByteBuffer buffer) throws IOException {
        buffer.flip();
        if (buffer.hasRemaining()) {
            long position = segment.size();
            preallocate(segment, position + buffer.remaining());
            faultHook.before("write", segment.path());
            while (buffer.hasRemaining()) {
                position += segment.channel().write(buffer, position);
            }
            segment.setSize(position);
            activeDirty = true;
        }
        buffer.clear();
    }

    /**
     * With fsync on, makes sure the file extends at least to {@code end}, by writing zeros up to
     * {@link #PREALLOCATE_BYTES} beyond its current length (not past the segment size unless {@code end} is):
     * records then overwrite zeros, and most syncs need not commit a new file length. Zeros are what the
     * loader cuts as a torn tail if the process stops without {@link #close()}; sealed segments are cut to
     * their records before they are forced.
     */
    private void preallocate(Segment segment, long end) throws IOException {
        if (!options.fsync() || end <= segment.allocated()) {
            return;
        }
        long target = Math.max(end, Math.min(segment.allocated() + PREALLOCATE_BYTES, options.segmentSizeBytes()));
        faultHook.before("preallocate", segment.path());
        long position = segment.allocated();
        ByteBuffer zeros = ZEROS.duplicate();
        while (position < target) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), target - position));
            while (zeros.hasRemaining()) {
                position += segment.channel().write(zeros, position);
            }
        }
        segment.setAllocated(target);
    }

    /** Cuts the zeros written ahead of {@code segment}'s records, so that the file ends with its last record. */
    private void trimPreallocated(Segment segment) throws IOException {
        if (segment.allocated() > segment.size()) {
            faultHook.before("truncate", segment.path());
            segment.channel().truncate(segment.size());
            segment.setAllocated(segment.size());
        }
    }

    /**
     * Seals the active segment and starts the next. The sealed segment, and its directory entry if it is
     * new, are forced first: a later segment never exists on disk next to an incomplete or missing earlier
     * one, so only the last segment can ever be torn and segments never leave gaps.
     */
    private Segment rollTo(long firstIndex) throws IOException {
        Segment sealed = active();
        trimPreallocated(sealed);
        if (options.fsync()) {
            faultHook.before("force", sealed.path());
            sealed.channel().force(false);
            if (directoryDirty) {
                forceDirectory();
                directoryDirty = false;
            }
        }
        sealed.closeChannel();
        activeDirty = false;
        return startSegment(firstIndex);
    }

    private Segment startSegment(long firstIndex) throws IOException {
        Path path = dir.resolve(Segment.fileName(firstIndex));
        faultHook.before("create", path);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        Segment segment = new Segment(path, firstIndex);
        segment.setChannel(channel);
        segments.add(segment);
        directoryDirty = true;
        LOG.debug("Started segment {}", path);
        return segment;
    }

    /** Records the term and vote; written (atomically, forced) before the next log write or at {@link #sync()}. */
    @Override
    public void saveHardState(HardState state) {
        Objects.requireNonNull(state, "state");
        checkWritable();
        pendingHardState = state.equals(writtenHardState) ? null : state;
    }

    /** Makes every earlier append and saved hard state durable (unless fsync is off). */
    @Override
    public void sync() {
        checkWritable();
        try {
            flushPendingHardState();
            if (options.fsync()) {
                if (activeDirty) {
                    faultHook.before("force", active().path());
                    active().channel().force(false);
                }
                if (directoryDirty) {
                    forceDirectory();
                }
            }
            activeDirty = false;
            directoryDirty = false;
        } catch (IOException e) {
            throw fail("sync the log", e);
        }
    }

    private void forceDirectory() throws IOException {
        faultHook.before("fsync-dir", dir);
        DirectorySync.force(dir);
    }

    private void flushPendingHardState() throws IOException {
        if (pendingHardState != null) {
            faultHook.before("hardstate", hardStateFile.path());
            hardStateFile.write(pendingHardState, options.fsync());
            writtenHardState = pendingHardState;
            pendingHardState = null;
        }
    }

    /**
     * Deletes the segments whose entries are all at or below {@code upToIndexInclusive} (covered by a
     * snapshot), oldest first, forcing the directory after each, so that a crash leaves a consecutive
     * suffix. The last segment is always kept, so entries at or below the index may remain; the log then
     * starts at {@link #firstIndex()}.
     */
    @Override
    public void compactPrefix(long upToIndexInclusive) {
        checkWritable();
        try {
            int deleted = 0;
            while (segments.size() > 1 && segments.get(0).lastIndex() <= upToIndexInclusive) {
                Segment oldest = segments.get(0);
                faultHook.before("delete", oldest.path());
                Files.delete(oldest.path());
                if (options.fsync()) {
                    forceDirectory();
                }
                segments.remove(0);
                deleted++;
            }
            if (deleted > 0) {
                LOG.info("Compacted {} segment(s) up to index {} in {}; the log now starts at index {}", deleted,
                        upToIndexInclusive, dir, firstIndex());
            }
        } catch (IOException e) {
            throw fail("delete segments up to index " + upToIndexInclusive, e);
        }
    }

    /**
     * Deletes every segment, newest first (a crash midway leaves a consecutive prefix, which recovery
     * treats as any log behind a snapshot); the next append may start at any index.
     */
    @Override
    public void reset(long snapshotIndex) {
        checkWritable();
        try {
            flushPendingHardState();
            for (int i = segments.size() - 1; i >= 0; i--) {
                Segment s = segments.get(i);
                s.closeChannel();
                Files.delete(s.path());
                if (options.fsync()) {
                    forceDirectory();
                }
            }
            segments.clear();
            activeDirty = false;
            LOG.info("Discarded the log in {}: a snapshot up to index {} replaces it", dir, snapshotIndex);
        } catch (IOException e) {
            throw fail("discard the log for snapshot " + snapshotIndex, e);
        }
    }

    @Override
    public synchronized io.graft.core.snapshot.SnapshotStore snapshots() {
        if (snapshotStore == null) {
            snapshotStore = new io.graft.core.snapshot.FileSnapshotStore(dir.resolve("snapshots"), options.fsync());
        }
        return snapshotStore;
    }

    /** Closes the files and releases the directory lock; unsynced writes may be lost. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        IOException error = null;
        for (Segment segment : segments) {
            try {
                if (failure == null && segment.channel() != null) {
                    trimPreallocated(segment); // a clean restart then finds no zeros to cut
                }
                segment.closeChannel();
            } catch (IOException e) {
                error = e;
            }
        }
        try {
            lock.close();
        } catch (IOException e) {
            error = e;
        }
        if (error != null) {
            throw new StorageException("Could not close the files of data directory " + dir + ": " + error, error);
        }
    }

    /** Lets tests inject I/O errors at exact points. */
    void setFaultHook(IoFaultHook hook) {
        this.faultHook = Objects.requireNonNull(hook);
    }

    private StorageException fail(String action, IOException cause) {
        StorageException e = new StorageException("I/O error in data directory " + dir + " while trying to "
                + action + ": " + cause + ". This storage now refuses writes; fix the cause (disk full?"
                + " permissions? failing disk?) and restart the member", cause);
        failure = e;
        LOG.error("{}", e.getMessage());
        return e;
    }

    private void checkUsable() {
        if (closed) {
            throw new StorageException("The file log in " + dir + " is closed");
        }
        if (failure != null) {
            throw new StorageException("The file log in " + dir + " refuses writes after an earlier error: "
                    + failure.getMessage(), failure);
        }
    }

    private void checkWritable() {
        checkUsable();
        requireLoaded();
    }

    private void requireLoaded() {
        if (!loaded) {
            throw new IllegalStateException("call load() first on the file log in " + dir);
        }
    }

    private Segment active() {
        return segments.get(segments.size() - 1);
    }

    private static long lastIndexOf(List<Segment> segments) {
        return segments.get(segments.size() - 1).lastIndex();
    }

    private static FileChannel openForWrite(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** The segment files in {@code dir} by first index; other files are ignored. */
    private static TreeMap<Long, Path> segmentFiles(Path dir) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "log-*.seg")) {
            for (Path path : stream) {
                long first = Segment.parseFirstIndex(path.getFileName().toString());
                if (first > 0 && Files.isRegularFile(path)) {
                    files.put(first, path);
                }
            }
        }
        return files;
    }
}
