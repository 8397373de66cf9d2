using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AccountDisabled : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DisabledAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            // Disabled was a lockout until now: accounts disabled that way (locked out until the end of time) stay disabled,
            // then lockout is cleared for everyone (the platform throttles sign-ins instead and never locks an account).
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"DisabledAt\" = now() WHERE \"LockoutEnd\" > TIMESTAMPTZ '9000-01-01 00:00:00+00'");
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"LockoutEnd\" = NULL, \"LockoutEnabled\" = false, \"AccessFailedCount\" = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DisabledAt",
                table: "AspNetUsers");
        }
    }
}
