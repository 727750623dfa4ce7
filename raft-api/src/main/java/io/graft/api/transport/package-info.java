/** The transport service-provider interface: how protocol messages move between members. */
package io.graft.api.transport;
