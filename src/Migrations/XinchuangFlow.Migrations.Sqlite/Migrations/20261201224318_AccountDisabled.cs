using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccountDisabled : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DisabledAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            // Disabled was a lockout until now: accounts disabled that way (locked out until the end of time) stay disabled,
            // then lockout is cleared for everyone (the platform throttles sign-ins instead and never locks an account).
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"DisabledAt\" = (CAST(strftime('%s', 'now') AS INTEGER) * 10000000 + 621355968000000000) WHERE \"LockoutEnd\" > 3000000000000000000");
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"LockoutEnd\" = NULL, \"LockoutEnabled\" = 0, \"AccessFailedCount\" = 0");
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
