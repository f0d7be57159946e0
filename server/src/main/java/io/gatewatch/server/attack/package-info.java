/** The coverage API: the ATT&CK Navigator layer of the rules the server runs. */
package io.gatewatch.server.attack;
