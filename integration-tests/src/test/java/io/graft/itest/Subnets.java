package io.graft.itest;

import com.github.dockerjava.api.model.Network.Ipam;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.containers.Network;

/**
 * Private Docker networks with fixed subnets, so that every member keeps the same address on each network
 * for its whole life: a real partition cuts links but changes no one's address, and TCP connections resume
 * after it heals. (With Docker's dynamic addresses, a member that leaves and rejoins a network may come back
 * with another member's old address, which no real partition does.)
 */
final class Subnets {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final int ATTEMPTS = 40;

    private final Network network;
    private final String prefix;

    private Subnets(Network network, String prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /**
     * Creates a network named {@code name} on the first free subnet of {@code 10.213.0.0/16} (a /24 each);
     * a subnet another network already uses is skipped.
     */
    static Subnets create(String name) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String prefix = "10.213." + (NEXT.getAndIncrement() % 250);
            Network n = Network.builder().createNetworkCmdModifier(cmd -> cmd.withName(name)
                    .withLabels(NodeImage.labels())
                    .withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(prefix + ".0/24")
                            .withGateway(prefix + ".1")))).build();
            try {
                n.getId(); // Testcontainers creates the network lazily; make it now, to learn if the subnet is free.
                return new Subnets(n, prefix);
            } catch (RuntimeException e) {
                last = e;
                try {
                    n.close();
                } catch (RuntimeException ignored) {
                    // It was never created.
                }
            }
        }
        throw new IllegalStateException("no free subnet for Docker network " + name + " in 10.213.0.0/16", last);
    }

    Network network() {
        return network;
    }

    /** Member {@code id}'s fixed address on this network. */
    String addressOf(int id) {
        return prefix + "." + (10 + id);
    }
}
