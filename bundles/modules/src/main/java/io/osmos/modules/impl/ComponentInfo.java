package io.osmos.modules.impl;

/** One DS component of a module and its state as ServiceComponentRuntime reports it. */
record ComponentInfo(String name, String state) {
}
