import * as migration_20261125_064935_initial from './20261125_064935_initial';
import * as migration_20261125_091029_search_jobs from './20261125_091029_search_jobs';
import * as migration_20261125_165310_jobs from './20261125_165310_jobs';
import * as migration_20261125_184852_quotes_bookings_alerts from './20261125_184852_quotes_bookings_alerts';
import * as migration_20261125_190030_job_board_sync from './20261125_190030_job_board_sync';
import * as migration_20261125_201407_messaging from './20261125_201407_messaging';
import * as migration_20261125_214521_trust_and_safety from './20261125_214521_trust_and_safety';
import * as migration_20261126_010530_billing from './20261126_010530_billing';
import * as migration_20261201_100000_private_files from './20261201_100000_private_files';
import * as migration_20261201_130248_two_factor_sessions from './20261201_130248_two_factor_sessions';
import * as migration_20261201_192623_privacy_rights from './20261201_192623_privacy_rights';
import * as migration_20261201_233336_notifications_seen from './20261201_233336_notifications_seen';
import * as migration_20261202_011551_profile_views from './20261202_011551_profile_views';
import * as migration_20261202_015320_message_idempotency_keys from './20261202_015320_message_idempotency_keys';
import * as migration_20261202_172208_booking_lifecycle from './20261202_172208_booking_lifecycle';
import * as migration_20261202_180949_saved_lists from './20261202_180949_saved_lists';
import * as migration_20261203_071246_invitations from './20261203_071246_invitations';
import * as migration_20261203_105733_vendor_calendars from './20261203_105733_vendor_calendars';
import * as migration_20261204_023551_webhooks from './20261204_023551_webhooks';
import * as migration_20261204_030123_mcp_plugin from './20261204_030123_mcp_plugin';
import * as migration_20261204_165829_media_storage_fields from './20261204_165829_media_storage_fields';
import * as migration_20261204_221839_analytics_indexes from './20261204_221839_analytics_indexes';

export const migrations = [
  {
    up: migration_20261125_064935_initial.up,
    down: migration_20261125_064935_initial.down,
    name: '20261125_064935_initial',
  },
  {
    up: migration_20261125_091029_search_jobs.up,
    down: migration_20261125_091029_search_jobs.down,
    name: '20261125_091029_search_jobs',
  },
  {
    up: migration_20261125_165310_jobs.up,
    down: migration_20261125_165310_jobs.down,
    name: '20261125_165310_jobs',
  },
  {
    up: migration_20261125_184852_quotes_bookings_alerts.up,
    down: migration_20261125_184852_quotes_bookings_alerts.down,
    name: '20261125_184852_quotes_bookings_alerts',
  },
  {
    up: migration_20261125_190030_job_board_sync.up,
    down: migration_20261125_190030_job_board_sync.down,
    name: '20261125_190030_job_board_sync',
  },
  {
    up: migration_20261125_201407_messaging.up,
    down: migration_20261125_201407_messaging.down,
    name: '20261125_201407_messaging',
  },
  {
    up: migration_20261125_214521_trust_and_safety.up,
    down: migration_20261125_214521_trust_and_safety.down,
    name: '20261125_214521_trust_and_safety',
  },
  {
    up: migration_20261126_010530_billing.up,
    down: migration_20261126_010530_billing.down,
    name: '20261126_010530_billing',
  },
  {
    up: migration_20261201_100000_private_files.up,
    down: migration_20261201_100000_private_files.down,
    name: '20261201_100000_private_files',
  },
  {
    up: migration_20261201_130248_two_factor_sessions.up,
    down: migration_20261201_130248_two_factor_sessions.down,
    name: '20261201_130248_two_factor_sessions',
  },
  {
    up: migration_20261201_192623_privacy_rights.up,
    down: migration_20261201_192623_privacy_rights.down,
    name: '20261201_192623_privacy_rights',
  },
  {
    up: migration_20261201_233336_notifications_seen.up,
    down: migration_20261201_233336_notifications_seen.down,
    name: '20261201_233336_notifications_seen',
  },
  {
    up: migration_20261202_011551_profile_views.up,
    down: migration_20261202_011551_profile_views.down,
    name: '20261202_011551_profile_views',
  },
  {
    up: migration_20261202_015320_message_idempotency_keys.up,
    down: migration_20261202_015320_message_idempotency_keys.down,
    name: '20261202_015320_message_idempotency_keys',
  },
  {
    up: migration_20261202_172208_booking_lifecycle.up,
    down: migration_20261202_172208_booking_lifecycle.down,
    name: '20261202_172208_booking_lifecycle',
  },
  {
    up: migration_20261202_180949_saved_lists.up,
    down: migration_20261202_180949_saved_lists.down,
    name: '20261202_180949_saved_lists',
  },
  {
    up: migration_20261203_071246_invitations.up,
    down: migration_20261203_071246_invitations.down,
    name: '20261203_071246_invitations',
  },
  {
    up: migration_20261203_105733_vendor_calendars.up,
    down: migration_20261203_105733_vendor_calendars.down,
    name: '20261203_105733_vendor_calendars',
  },
  {
    up: migration_20261204_023551_webhooks.up,
    down: migration_20261204_023551_webhooks.down,
    name: '20261204_023551_webhooks',
  },
  {
    up: migration_20261204_030123_mcp_plugin.up,
    down: migration_20261204_030123_mcp_plugin.down,
    name: '20261204_030123_mcp_plugin',
  },
  {
    up: migration_20261204_165829_media_storage_fields.up,
    down: migration_20261204_165829_media_storage_fields.down,
    name: '20261204_165829_media_storage_fields',
  },
  {
    up: migration_20261204_221839_analytics_indexes.up,
    down: migration_20261204_221839_analytics_indexes.down,
    name: '20261204_221839_analytics_indexes'
  },
];
