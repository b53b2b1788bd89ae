package vn.kho.api.config;

import vn.kho.repository.KhoException;

/** A setting Kho cannot start with; the message names the setting and what is wrong with it. */
public final class ConfigException extends KhoException {
    public ConfigException(String setting, String problem) {
        super("CONFIG_INVALID", "setting '" + setting + "': " + problem);
    }
}
