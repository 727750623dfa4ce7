/**
 * A {@link io.graft.api.Codec} backed by <a href="https://github.com/EsotericSoftware/kryo">Kryo 5</a>, for
 * commands and results written as records, enums, collections and plain classes.
 *
 * <h2>From a cluster configuration</h2>
 * The codec is found by the name {@code kryo}. List the classes your commands and results are made of under
 * {@code codecOptions.register} (fully qualified; a nested class is {@code Outer$Inner}, an array
 * {@code com.example.Item[]}); they are loaded with the thread context class loader:
 * <pre>{@code
 * codec: kryo
 * codecOptions:
 *   register: [com.example.PutCommand, com.example.GetCommand, com.example.Result]
 *   maxDepth: 512        # optional: how deeply objects may nest
 *   maxElements: 1048576 # optional: collection elements allowed beyond one per encoded byte
 * }</pre>
 * An unknown key, a bad number or a class that cannot be loaded is a
 * {@link io.graft.api.config.ConfigurationException} naming the key.
 *
 * <h2>In code</h2>
 * <pre>{@code
 * KryoCodec<Command> codec = KryoCodec.builder(Command.class)
 *         .register(Item.class, Status.class)
 *         .register(Money.class, kryo -> new MoneySerializer())
 *         .registrar(new MyRegistrar())
 *         .build();
 * }</pre>
 *
 * <h2>What is registered, and in which order</h2>
 * Registration is required: bytes can only ever produce registered classes, and encoding anything else fails
 * with a {@link io.graft.api.CodecException} that names the class. Each new class takes the next id, in this
 * order (see {@link io.graft.codec.kryo.KryoCodecBuilder}):
 * <ol>
 *   <li>Kryo's built-ins: primitives, their wrappers, {@code String};</li>
 *   <li>common JDK types: primitive arrays, {@code String[]}, {@code Object[]}, {@code ArrayList},
 *       {@code LinkedList}, {@code ArrayDeque}, {@code HashMap}, {@code LinkedHashMap}, {@code TreeMap},
 *       {@code HashSet}, {@code LinkedHashSet}, {@code TreeSet}, {@code EnumSet}, the immutable collections of
 *       {@code List.of}/{@code Set.of}/{@code Map.of}/{@code copyOf}/{@code Stream.toList()},
 *       {@code Collections.empty*}/{@code singleton*}, {@code Arrays.asList}, {@code Optional} and its primitive
 *       twins, {@code BigInteger}, {@code BigDecimal}, {@code UUID}, {@code Instant}, {@code Duration},
 *       {@code LocalDate}, {@code LocalDateTime};</li>
 *   <li>the codec's type, if it can have instances, and, if it is sealed, its permitted subclasses
 *       (recursively, sorted by name): a sealed {@code Command} interface needs no further registration;</li>
 *   <li>classes registered in code, in call order, then the {@code register} list of the options;</li>
 *   <li>registrars passed in code, in call order;</li>
 *   <li>{@link io.graft.codec.kryo.KryoRegistrar}s listed in
 *       {@code META-INF/services/io.graft.codec.kryo.KryoRegistrar}, sorted by class name, so that the class path
 *       order never matters. A registrar is the place for custom serializers.</li>
 * </ol>
 * Records (Kryo's record serializer, through the canonical constructor), enums (also with constant bodies),
 * nested classes and classes without a no-argument constructor work once registered. Not supported: the
 * unmodifiable views of {@code Collections.unmodifiable*} (copy into {@code List.copyOf} and friends), cyclic
 * object graphs (references are off), and lambdas. A sublist of {@code List.of} reads back as a
 * {@code List.copyOf} of it.
 *
 * <h2>The fingerprint</h2>
 * Every encoded value starts with 4 bytes, big-endian: a CRC-32 of all registrations as
 * {@code id:class:serializer} ({@link io.graft.codec.kryo.KryoCodec#fingerprint()},
 * {@link io.graft.codec.kryo.KryoCodec#registrations()}). Members that register differently fail on the first
 * message with "kryo registration fingerprint mismatch" instead of misreading each other. The fingerprint is
 * also part of every log entry, so changing the registrations of a cluster that has a persisted log makes the
 * old entries unreadable: add classes only with a fresh log (or keep an old codec to migrate).
 *
 * <h2>Untrusted bytes</h2>
 * Decoding either returns a value of the codec's type (or {@code null}) or throws
 * {@link io.graft.api.CodecException}, never anything else: truncated or trailing bytes, unknown class ids,
 * class names in the bytes, a value of another type, nesting deeper than {@code maxDepth} (or than the stack)
 * are all refused. Lengths declared by the bytes are checked before anything is allocated: arrays and strings
 * against the bytes that remain, collections against a per-value element budget of one per byte plus
 * {@code maxElements}; the encoder applies the same budget, so it never produces a value its peers refuse.
 * These checks cover Kryo's own serializers; a custom serializer must check its own lengths.
 *
 * <h2>Threads</h2>
 * A codec is thread-safe. Kryo instances are not, so each codec keeps a pool of them, each with a reusable
 * input and output buffer; a thread borrows one for each encode or decode.
 */
package io.graft.codec.kryo;
