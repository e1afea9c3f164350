package io.modomodo.local.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether a TCP port can be listened on, checked the way the services will bind it. */
public final class PortCheck {

    private PortCheck() {
    }

    /**
     * True when nothing listens on {@code port}. Binds the wildcard address, which on Linux and macOS
     * fails whenever any address holds the port, so a process bound only to 127.0.0.1 counts too.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As Tomcat does: a port left in TIME_WAIT by a stopped service is free to listen on.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
