/** The command line's sub-commands besides {@code run}: {@code token}, {@code import}, {@code export}; each in its own class. */
package riskmap.cli;
