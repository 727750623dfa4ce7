package io.graft.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Member;
import io.graft.api.config.Options;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterConfigLoaderTest {

    /** The file our first users already have, byte for byte. */
    private static final String USERS_YAML = """
            electionTimeout: 150   # milliseconds
            configuration:
              1: tomato
              2: gamma
            """;

    private static ClusterConfig parse(String yaml) {
        return ClusterConfigLoader.parse(yaml, "test.yaml");
    }

    private static ConfigurationException rejected(String yaml) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> parse(yaml));
        assertThat(e).as("expected %s to be rejected", yaml).isNotNull();
        assertThat(e.getMessage()).contains("test.yaml");
        return e;
    }

    private static void assertRejected(String yaml, String key, int line, String... fragments) {
        ConfigurationException e = rejected(yaml);
        assertThat(e.key()).as(e.getMessage()).isEqualTo(key);
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        assertThat(e.getMessage()).contains(fragments);
    }

    @Nested
    class Accepts {

        @Test
        void the_users_file_with_its_comment() {
            ClusterConfig config = parse(USERS_YAML);

            assertThat(config.members()).containsExactly(
                    Map.entry(1, new Member(1, "tomato", 7400)),
                    Map.entry(2, new Member(2, "gamma", 7400)));
            assertThat(config.electionTimeout()).isEqualTo(Duration.ofMillis(150));
        }

        @Test
        void defaults_for_everything_left_out() {
            ClusterConfig config = parse("configuration:\n  1: a\n");

            assertThat(config.electionTimeout()).isEqualTo(Duration.ofMillis(150));
            assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(15));
            assertThat(config.transport()).isEqualTo("inmemory");
            assertThat(config.codec()).isEqualTo("bytes");
            assertThat(config.stateMachine()).isEmpty();
            assertThat(config.dataDir()).isEmpty();
            assertThat(config.maxPendingCommands()).isEqualTo(ClusterConfig.DEFAULT_MAX_PENDING_COMMANDS);
            assertThat(config.sessionTimeout()).isEqualTo(Duration.ofMinutes(10));
            assertThat(config.transportOptions()).isEqualTo(Options.empty("transportOptions"));
            assertThat(config.codecOptions()).isEqualTo(Options.empty("codecOptions"));
            assertThat(config.stateMachineOptions()).isEqualTo(Options.empty("stateMachineOptions"));
        }

        @Test
        void default_heartbeat_is_a_tenth_of_the_election_timeout_and_at_least_one_ms() {
            assertThat(parse("electionTimeout: 1000\nconfiguration: {1: a}").heartbeatInterval())
                    .isEqualTo(Duration.ofMillis(100));
            assertThat(parse("electionTimeout: 5\nconfiguration: {1: a}").heartbeatInterval())
                    .isEqualTo(Duration.ofMillis(1));
        }

        @Test
        void every_key() {
            ClusterConfig config = parse("""
                    electionTimeout: 300
                    heartbeatInterval: 150
                    transport: zeromq
                    codec: string
                    stateMachine: kv
                    dataDir: /var/lib/graft
                    maxPendingCommands: 100
                    sessionTimeout: 60000
                    configuration:
                      3: host-c.example.com:7403
                      1: 10.0.0.1:7401
                      2: "[::1]:7402"
                      4: "[fe80::1%eth0]"
                    transportOptions:
                      bindAll: true
                      ratio: 1.5
                      peers: [a, "b c", 3]
                    codecOptions:
                      registrations:
                        - com.example.Put
                        - com.example.Get
                    stateMachineOptions: {}
                    """);

            assertThat(config.electionTimeout()).isEqualTo(Duration.ofMillis(300));
            assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(150));
            assertThat(config.transport()).isEqualTo("zeromq");
            assertThat(config.codec()).isEqualTo("string");
            assertThat(config.stateMachine()).isEqualTo("kv");
            assertThat(config.dataDir()).contains(Path.of("/var/lib/graft"));
            assertThat(config.maxPendingCommands()).isEqualTo(100);
            assertThat(config.sessionTimeout()).isEqualTo(Duration.ofMinutes(1));
            assertThat(config.members().values()).containsExactly(
                    new Member(1, "10.0.0.1", 7401),
                    new Member(2, "[::1]", 7402),
                    new Member(3, "host-c.example.com", 7403),
                    new Member(4, "[fe80::1%eth0]", 7400));
            assertThat(config.transportOptions()).isEqualTo(new Options(Map.of(
                    "bindAll", List.of("true"),
                    "ratio", List.of("1.5"),
                    "peers", List.of("a", "b c", "3")), "transportOptions"));
            assertThat(config.transportOptions().flag("bindAll", false)).isTrue();
            assertThat(config.codecOptions().strings("registrations"))
                    .containsExactly("com.example.Put", "com.example.Get");
            assertThat(config.codecOptions().section()).isEqualTo("codecOptions");
            assertThat(config.stateMachineOptions()).isEqualTo(Options.empty("stateMachineOptions"));
        }

        @Test
        void empty_data_dir_and_state_machine_mean_none() {
            ClusterConfig config = parse("dataDir:\nstateMachine:\nconfiguration: {1: a}\n");

            assertThat(config.dataDir()).isEqualTo(Optional.empty());
            assertThat(config.stateMachine()).isEmpty();
        }

        @Test
        void the_largest_heartbeat_allowed_is_half_the_election_timeout() {
            assertThat(parse("electionTimeout: 150\nheartbeatInterval: 75\nconfiguration: {1: a}")
                    .heartbeatInterval()).isEqualTo(Duration.ofMillis(75));
        }

        @Test
        void a_file(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("cluster.yaml");
            Files.writeString(file, USERS_YAML, StandardCharsets.UTF_8);

            assertThat(ClusterConfigLoader.load(file)).isEqualTo(parse(USERS_YAML));
        }

        @Test
        void a_reader() {
            assertThat(ClusterConfigLoader.load(new StringReader(USERS_YAML), "reader"))
                    .isEqualTo(parse(USERS_YAML));
        }
    }

    /** Counts how often YAML managed to construct it: never, we hope. */
    public static final class Canary {
        static int created;
        public String sound;

        public Canary() {
            created++;
        }
    }

    @Nested
    class RejectsKeys {

        @Test
        void a_misspelt_key_with_a_suggestion_and_the_known_keys() {
            assertRejected("electionTimout: 150\nconfiguration: {1: a}", "electionTimout", 1,
                    "unknown key", "did you mean 'electionTimeout'?",
                    String.join(", ", ClusterConfigLoader.knownKeys()));
        }

        @Test
        void a_key_in_the_wrong_case_with_a_suggestion() {
            assertRejected("configuration: {1: a}\n\nHeartbeatinterval: 10", "Heartbeatinterval", 3,
                    "did you mean 'heartbeatInterval'?");
        }

        @Test
        void an_unrelated_key_without_a_suggestion() {
            ConfigurationException e = rejected("configuration: {1: a}\nbananas: 3\n");

            assertThat(e.key()).isEqualTo("bananas");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).doesNotContain("did you mean").contains("known keys are electionTimeout");
        }

        @Test
        void a_yaml_merge_key() {
            assertRejected("base: &b {1: a}\nconfiguration:\n  <<: *b\n", "base", 1, "unknown key");
        }

        @Test
        void a_key_set_twice() {
            assertRejected("electionTimeout: 150\nconfiguration: {1: a}\nelectionTimeout: 300\n",
                    "electionTimeout", 3, "set twice (first on line 1)");
        }

        @Test
        void knows_every_documented_key() {
            assertThat(ClusterConfigLoader.knownKeys()).containsExactlyInAnyOrder("electionTimeout",
                    "heartbeatInterval", "configuration", "transport", "codec", "stateMachine", "dataDir",
                    "clusterId", "fsync", "snapshotEvery", "snapshotLogRetention", "maxPendingCommands",
                    "sessionTimeout", "preVote", "checkQuorum", "maxInflightAppends", "maxAppendEntries",
                    "maxAppendBytes", "snapshotChunkBytes", "handOffLeadershipOnClose", "transportOptions",
                    "codecOptions", "stateMachineOptions");
        }
    }

    @Nested
    class RejectsMembers {

        @Test
        void a_missing_configuration() {
            assertRejected("# a cluster\nelectionTimeout: 150\n", "configuration", 2, "is missing");
        }

        @Test
        void an_empty_configuration() {
            assertRejected("electionTimeout: 150\nconfiguration:\n", "configuration", 2, "lists no members");
            assertRejected("electionTimeout: 150\nconfiguration: {}\n", "configuration", 2, "lists no members");
        }

        @Test
        void a_configuration_that_is_not_a_mapping() {
            assertRejected("configuration:\n  - tomato\n  - gamma\n", "configuration", 2,
                    "expected a mapping of member id to address", "got a list");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "1.5", "one", "99999999999", "0x10"})
        void a_member_id_that_is_not_a_positive_integer(String id) {
            assertRejected("configuration:\n  1: a\n  " + id + ": b\n", "configuration." + id, 3,
                    "member id '" + id + "' must be a positive whole number");
        }

        @Test
        void a_member_listed_twice() {
            assertRejected("configuration:\n  1: a\n  2: b\n  1: c\n", "configuration.1", 4,
                    "member 1 is listed twice (first on line 2)");
        }

        @Test
        void a_member_listed_twice_under_different_spellings() {
            assertRejected("configuration:\n  1: a\n  '01': b\n", "configuration.01", 3, "member 1 is listed twice");
        }

        @Test
        void two_members_at_the_same_address() {
            assertRejected("configuration:\n  1: tomato:7401\n  2: gamma\n  3: TOMATO:7401\n", "configuration.3", 4,
                    "member 3 has the same address TOMATO:7401 as member 1 (line 2)");
        }

        @Test
        void two_members_at_the_same_address_through_the_default_port() {
            assertRejected("configuration:\n  1: tomato\n  2: tomato:7400\n", "configuration.2", 3,
                    "same address tomato:7400 as member 1");
        }

        @Test
        void a_member_without_an_address() {
            assertRejected("configuration:\n  1: a\n  2:\n", "configuration.2", 3, "member 2 has no address");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a:0", "a:65536", "a:abc", "'a:'", "a:-1", "a:1234567", "'[::1]:x'"})
        void a_bad_port(String address) {
            assertRejected("configuration:\n  1: b\n  2: " + address + "\n", "configuration.2", 3,
                    "must be a number from 1 to 65535");
        }

        @ParameterizedTest
        @ValueSource(strings = {"::1", "fe80::1:7400"})
        void an_ipv6_address_without_brackets(String address) {
            assertRejected("configuration:\n  1: \"" + address + "\"\n", "configuration.1", 2, "in brackets");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tcp://a:7400", "'a b'", "a/b", "':7400'", "7400", "'[a]:1'", "'[::1'", "'[::1]x'"})
        void a_malformed_host(String address) {
            ConfigurationException e = rejected("configuration:\n  1: " + address + "\n");

            assertThat(e.key()).isEqualTo("configuration.1");
            assertThat(e.line()).isEqualTo(2);
        }

        @Test
        void a_member_address_that_is_a_list() {
            assertRejected("configuration:\n  1: [a, b]\n", "configuration.1", 2, "expected a single value");
        }
    }

    @Nested
    class RejectsTiming {

        @ParameterizedTest
        @ValueSource(strings = {"0", "-150", "abc", "1.5", "150ms", "3000000000"})
        void an_election_timeout_that_is_not_a_positive_integer(String value) {
            assertRejected("configuration: {1: a}\nelectionTimeout: " + value + "\n", "electionTimeout", 2,
                    "milliseconds");
        }

        @Test
        void an_empty_election_timeout() {
            assertRejected("configuration: {1: a}\nelectionTimeout:\n", "electionTimeout", 2, "has no value");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "x"})
        void a_heartbeat_that_is_not_a_positive_integer(String value) {
            assertRejected("configuration: {1: a}\nheartbeatInterval: " + value + "\n", "heartbeatInterval", 2,
                    "milliseconds");
        }

        @Test
        void a_heartbeat_not_well_below_the_election_timeout() {
            assertRejected("electionTimeout: 150\nconfiguration: {1: a}\nheartbeatInterval: 76\n",
                    "heartbeatInterval", 3, "must be at most half the election timeout (150 ms)", "got 76 ms");
        }

        @Test
        void a_heartbeat_above_the_default_election_timeout() {
            assertRejected("heartbeatInterval: 200\nconfiguration: {1: a}\n", "heartbeatInterval", 1,
                    "at most half the election timeout (150 ms)");
        }

        @Test
        void an_election_timeout_too_short_for_the_default_heartbeat() {
            assertRejected("configuration: {1: a}\nelectionTimeout: 1\n", "electionTimeout", 2, "at least 2 ms");
        }

        @Test
        void a_max_pending_commands_that_is_not_positive() {
            assertRejected("configuration: {1: a}\nmaxPendingCommands: 0\n", "maxPendingCommands", 2,
                    "must be a positive whole number");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5", "10m", "1.5", "99999999999"})
        void a_session_timeout_that_is_not_a_positive_number_of_milliseconds(String value) {
            assertRejected("configuration: {1: a}\n# sessions\nsessionTimeout: " + value + "\n", "sessionTimeout", 3,
                    "milliseconds", value);
        }

        @Test
        void a_misspelt_session_timeout_with_a_suggestion() {
            assertRejected("configuration: {1: a}\nsessionTimeOut: 1000\n", "sessionTimeOut", 2,
                    "did you mean 'sessionTimeout'?");
        }
    }

    @Nested
    class RejectsValues {

        @Test
        void a_blank_plugin_name() {
            assertRejected("configuration: {1: a}\ntransport: ''\n", "transport", 2, "must not be blank");
        }

        @Test
        void a_plugin_name_that_is_a_list() {
            assertRejected("configuration: {1: a}\ncodec:\n  - kryo\n", "codec", 3, "expected a single value",
                    "got a list");
        }

        @Test
        void an_options_section_that_is_not_a_mapping() {
            assertRejected("configuration: {1: a}\ntransportOptions: fast\n", "transportOptions", 2,
                    "expected a mapping of option names to values");
        }

        @Test
        void nested_options() {
            assertRejected("configuration: {1: a}\ncodecOptions:\n  kryo:\n    registrationRequired: true\n",
                    "codecOptions.kryo", 4, "nested mappings are not supported");
        }

        @Test
        void an_option_without_a_value() {
            assertRejected("configuration: {1: a}\nstateMachineOptions:\n  size:\n", "stateMachineOptions.size", 3,
                    "has no value");
        }

        @Test
        void an_option_list_holding_a_mapping() {
            assertRejected("configuration: {1: a}\ntransportOptions:\n  peers:\n    - a\n    - {b: c}\n",
                    "transportOptions.peers", 5, "list items must be single values");
        }

        @Test
        void an_option_set_twice() {
            assertRejected("configuration: {1: a}\ntransportOptions:\n  a: 1\n  a: 2\n", "transportOptions.a", 4,
                    "set twice (first on line 3)");
        }
    }

    @Nested
    class RejectsDocuments {

        @Test
        void type_tags_without_constructing_anything() {
            Canary.created = 0;
            ConfigurationException e = rejected("""
                    configuration: {1: a}
                    codecOptions: !!io.graft.core.config.ClusterConfigLoaderTest$Canary {sound: tweet}
                    """);

            assertThat(Canary.created).isZero();
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).contains("tag is not allowed");
        }

        @Test
        void a_syntax_error_with_its_line() {
            ConfigurationException e = rejected("electionTimeout: 150\nconfiguration:\n  1: tomato\n 2: gamma\n");

            assertThat(e.key()).isNull();
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.getMessage()).contains("cannot be read as YAML");
            assertThat(e.getCause()).isInstanceOf(org.yaml.snakeyaml.error.MarkedYAMLException.class);
        }

        @Test
        void an_unclosed_flow_mapping() {
            ConfigurationException e = rejected("electionTimeout: 150\nconfiguration: {1: a\n\n");

            assertThat(e.getMessage()).contains("cannot be read as YAML");
            assertThat(e.line()).isGreaterThanOrEqualTo(2);
        }

        @Test
        void several_documents() {
            ConfigurationException e = rejected("configuration: {1: a}\n---\nconfiguration: {2: b}\n");

            assertThat(e.getMessage()).contains("cannot be read as YAML", "single document");
            assertThat(e.line()).isEqualTo(2);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "\n\n", "# nothing here\n", "---\n", "~\n"})
        void an_empty_document(String yaml) {
            ConfigurationException e = rejected(yaml);

            assertThat(e.key()).isNull();
            assertThat(e.getMessage()).contains("the document is empty");
        }

        @Test
        void a_top_level_list() {
            assertRejected("# members\n- tomato\n- gamma\n", null, 2, "the top level must be a mapping", "got a list");
        }

        @Test
        void a_top_level_scalar() {
            assertRejected("tomato\n", null, 1, "the top level must be a mapping", "got the value 'tomato'");
        }

        @Test
        void a_complex_top_level_key() {
            assertRejected("configuration: {1: a}\n? [a, b]\n: 3\n", null, 2, "plain words");
        }

        @Test
        void a_missing_file(@TempDir Path dir) {
            Path missing = dir.resolve("nope.yaml");
            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> ClusterConfigLoader.load(missing));

            assertThat(e.getMessage()).contains(missing.toString(), "does not exist");
        }

        @Test
        void a_file_that_is_not_utf8(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("latin1.yaml");
            Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> ClusterConfigLoader.load(file));

            assertThat(e.getMessage()).contains("not valid UTF-8");
        }

        @Test
        void names_the_file_in_errors(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("cluster.yaml");
            Files.writeString(file, "configuration:\n  0: a\n");
            ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                    () -> ClusterConfigLoader.load(file));

            assertThat(e.getMessage()).contains("(in " + file + ")");
            assertThat(e.line()).isEqualTo(2);
        }
    }
}
