/**
 * The consumer check as a named module: it reads Graft's modules by their Automatic-Module-Name, so a jar
 * without one, or two jars holding the same package, fail this program at start-up on the module path.
 */
module com.example.consumer {
    requires io.graft.api;
    requires io.graft.core;

    // Kryo builds the commands it decodes by reflection.
    opens com.example.consumer;
}
