import type { CollectionConfig } from 'payload'

import { canAccessAdmin } from '../access/canAccessAdmin'
import { fieldHasPermission, hasPermission } from '../access/hasPermission'
import { selfOrPermitted } from '../access/selfOrPermitted'
import { authRateLimits } from '../auth/authRateLimits'
import { inviteUserEndpoint } from '../email/inviteUserEndpoint'
import { rejectMalformedEmail } from '../email/rejectMalformedEmail'
import { resetPasswordHtml, resetPasswordSubject, resetTokenMinutes } from '../email/resetPasswordEmail'
import { trustCreatedUsers } from '../email/trustCreatedUsers'
import { verifyEmailHtml, verifyEmailSubject } from '../email/verifyEmailMessage'
import { limitAuthAttempts } from '../hooks/limitAuthAttempts'
import { rejectInactiveUser } from '../hooks/rejectInactiveUser'
import { erasePersonalDataEndpoint, exportPersonalDataEndpoint } from '../privacy/personalDataEndpoints'

export const Users: CollectionConfig = {
  slug: 'users',
  admin: {
    defaultColumns: ['name', 'email', 'roles', 'active'],
    group: 'Administration',
    useAsTitle: 'name',
  },
  access: {
    admin: canAccessAdmin,
    create: hasPermission('users', 'create'),
    delete: hasPermission('users', 'delete'),
    read: selfOrPermitted('read'),
    unlock: hasPermission('users', 'update'),
    update: selfOrPermitted('update'),
  },
  auth: {
    // The session cookie travels over HTTPS only in production (browsers also accept it on
    // http://localhost, which the production tests use); development runs on plain http.
    cookies: { secure: process.env.NODE_ENV === 'production' },
    forgotPassword: {
      expiration: resetTokenMinutes() * 60_000,
      generateEmailHTML: resetPasswordHtml,
      generateEmailSubject: resetPasswordSubject,
    },
    // No per-account lockout: it let anyone lock any account (the admin's too) and answered "locked"
    // only for real ones. Sign-ins are limited per client and per email instead (limitAuthAttempts).
    maxLoginAttempts: 0,
    tokenExpiration: 2 * 60 * 60,
    useAPIKey: true,
    verify: { generateEmailHTML: verifyEmailHtml, generateEmailSubject: verifyEmailSubject },
  },
  endpoints: [inviteUserEndpoint, exportPersonalDataEndpoint, erasePersonalDataEndpoint],
  hooks: {
    beforeLogin: [rejectInactiveUser],
    beforeOperation: [rejectMalformedEmail, limitAuthAttempts(authRateLimits), trustCreatedUsers],
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'avatar', type: 'upload', relationTo: 'media' },
    {
      name: 'roles',
      type: 'relationship',
      relationTo: 'roles',
      hasMany: true,
      access: {
        create: fieldHasPermission('users', 'create'),
        update: fieldHasPermission('users', 'update'),
      },
      admin: { position: 'sidebar' },
    },
    {
      name: 'active',
      type: 'checkbox',
      defaultValue: true,
      access: {
        create: fieldHasPermission('users', 'create'),
        update: fieldHasPermission('users', 'update'),
      },
      admin: { description: 'Inactive users cannot sign in or use their API key.', position: 'sidebar' },
    },
    {
      name: 'personalData',
      type: 'ui',
      admin: { components: { Field: '/privacy/admin/PersonalDataField#PersonalDataField' }, position: 'sidebar' },
    },
  ],
}
